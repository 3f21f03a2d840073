namespace SshExporter.Sidecar.Service;

/// <summary>Decides "is sshd running?" from what systemd said about the service units and their sockets.</summary>
public static class SystemdVerdict
{
    /// <summary>
    /// The first running service unit decides; failing that, a listening socket unit (socket activation: on
    /// Ubuntu 22.10+ <c>ssh.socket</c> owns port 22 and <c>ssh.service</c> stays inactive until a client
    /// connects). Null when systemd knows none of the units, so another method must decide.
    /// </summary>
    public static ServiceReport? Decide(IReadOnlyList<(SystemdUnit Service, SystemdUnit Socket)> units)
    {
        if (units.FirstOrDefault(u => u.Service.Known && u.Service.Running) is ({ } service, _))
        {
            return ServiceReport.Running(ServiceMethod.Systemd, service.ToString());
        }

        if (units.FirstOrDefault(u => u.Socket.Known && u.Socket.Running) is ({ } idle, { } socket))
        {
            return ServiceReport.Running(
                ServiceMethod.SystemdSocket,
                $"{idle}, but {socket}: socket activation, systemd starts sshd for each connection");
        }

        SystemdUnit[] known = [.. units.SelectMany(u => new[] { u.Service, u.Socket }).Where(u => u.Known)];
        return known.Length == 0 ? null : ServiceReport.NotRunning(ServiceMethod.Systemd, string.Join("; ", known));
    }

    /// <summary><c>ssh.service</c> → <c>ssh.socket</c>: the socket unit that activates a service.</summary>
    public static string SocketUnitOf(string service) =>
        (service.EndsWith(".service", StringComparison.Ordinal) ? service[..^".service".Length] : service) + ".socket";
}
