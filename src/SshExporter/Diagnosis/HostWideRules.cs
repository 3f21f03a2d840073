using SshExporter.Sidecar.Checks;

namespace SshExporter.Diagnosis;

/// <summary>
/// SshHostKeysMissing, SshConfigInvalid, SshDaemonNotRunning and SshRestartWouldFail: the rules on the local view
/// alone. The first three exclude one another, most specific first, as their expressions do (missing host keys
/// also fail <c>sshd -t</c>); the last holds only while sshd is not down.
/// </summary>
internal static class HostWideRules
{
    public static void Evaluate(LocalView local, FiringList firing)
    {
        // What would stop sshd from starting: the evidence of each of the four, whichever of them fires.
        var broken = (local.ConfigInvalid ? [$"sshd -t rejects the configuration: {local.ConfigError ?? "(no error line)"}"] : Array.Empty<string>())
            .Concat(local.NoHostKeyPresent ? local.MissingHostKeys.Select(key => $"host key missing: {key}") : []);
        if (!local.SshdDown)
        {
            if (local.ConfigInvalid || local.NoHostKeyPresent)
            {
                firing.Add(VerdictAlert.SshRestartWouldFail, ["sshd is running", .. broken]);
            }

            return;
        }

        var alert = local.NoHostKeyPresent ? VerdictAlert.SshHostKeysMissing
            : local.ConfigInvalid ? VerdictAlert.SshConfigInvalid
            : VerdictAlert.SshDaemonNotRunning;
        firing.Add(alert, [.. DownFacts(local), .. broken]);
    }

    /// <summary>What makes sshd down: the service check's answer, and the ports nothing listens on when the listener looked.</summary>
    private static IEnumerable<string> DownFacts(LocalView local)
    {
        yield return $"sshd is not running ({local.Service!.Report.Detail})";
        if (local.Report.Get<ListenerResult>() is { Status.CouldRun: true } listener)
        {
            yield return $"nothing listens on port {string.Join(", ", listener.Report.Ports.Select(port => port.Port))}";
        }
    }
}
