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
            return ServiceReport.Running(ServiceMethod.Systemd, service.ToString()) with { Unit = service.Name };
        }

        if (units.FirstOrDefault(u => u.Socket.Known && u.Socket.Running) is ({ } idle, { } socket))
        {
            return ServiceReport.Running(
                ServiceMethod.SystemdSocket,
                $"{idle}, but {socket}: socket activation, systemd starts sshd for each connection") with { Unit = idle.Name };
        }

        SystemdUnit[] known = [.. units.SelectMany(u => new[] { u.Service, u.Socket }).Where(u => u.Known)];
        // The unit to start: the first service systemd knows, else the first socket.
        SystemdUnit? start = units.Select(u => u.Service).FirstOrDefault(u => u.Known) ?? known.FirstOrDefault();
        return start is null ? null : ServiceReport.NotRunning(ServiceMethod.Systemd, string.Join("; ", known)) with { Unit = start.Name };
    }

    /// <summary><c>ssh.service</c> → <c>ssh.socket</c>: the socket unit that activates a service.</summary>
    public static string SocketUnitOf(string service) =>
        (service.EndsWith(".service", StringComparison.Ordinal) ? service[..^".service".Length] : service) + ".socket";
}
