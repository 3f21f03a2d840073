using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.Service;

/// <summary>
/// What systemd answered: a decision, or null with a note saying why not (it knows none of the units, or
/// systemctl could not be asked; <see cref="Unusable"/> tells those apart).
/// </summary>
public sealed record SystemdAnswer(ServiceReport? Report, string Note, bool Unusable);

/// <summary>Asks systemd about the sshd units with two systemctl calls, all units in each.</summary>
public sealed class SystemdProbe(ServiceCheckOptions options, ICommandRunner runner)
{
    private const string Properties = "LoadState,ActiveState,SubState";

    private const string Systemctl = "systemctl";

    /// <summary>systemd runs the host when this directory exists (what sd_booted(3) and systemctl check).</summary>
    public static bool IsPresent(HostPaths paths) => Directory.Exists(paths.Resolve("/run/systemd/system"));

    public async Task<SystemdAnswer> AskAsync(CancellationToken cancellationToken)
    {
        if (options.Units.FirstOrDefault(u => !IsValidUnitName(u)) is { } invalid)
        {
            return new SystemdAnswer(null, $"'{invalid}' is not a systemd unit name", true);
        }

        string[] names = [.. options.Units.SelectMany(u => new[] { u, SystemdVerdict.SocketUnitOf(u) })];
        CommandResult[] answers = await Task.WhenAll(
            RunAsync(["is-active", .. names], cancellationToken),
            RunAsync(["show", "-p", Properties, .. names], cancellationToken));
        (CommandResult isActive, CommandResult show) = (answers[0], answers[1]);
        List<string> states = SystemctlOutput.ParseIsActive(isActive.StandardOutput);
        List<SystemdUnitState> properties = SystemctlOutput.ParseShow(show.StandardOutput);
        // is-active exits 3 for an inactive unit, so only a full answer (one line per unit) says it worked.
        if (isActive.Status != CommandStatus.Exited || show.Status != CommandStatus.Exited || show.ExitCode != 0 || states.Count != names.Length || properties.Count != names.Length)
        {
            return new SystemdAnswer(null, $"systemctl could not be asked: {Problem(isActive, show)}", true);
        }

        var pairs = new List<(SystemdUnit, SystemdUnit)>();
        for (int i = 0; i < names.Length; i += 2)
        {
            pairs.Add((new SystemdUnit(names[i], states[i], properties[i]), new SystemdUnit(names[i + 1], states[i + 1], properties[i + 1])));
        }

        ServiceReport? report = SystemdVerdict.Decide(pairs);
        return new SystemdAnswer(report, report is null ? $"systemd knows none of {string.Join(", ", names)}" : "", false);
    }

    private Task<CommandResult> RunAsync(string[] arguments, CancellationToken cancellationToken) =>
        runner.RunAsync(Systemctl, ["--no-pager", .. arguments], cancellationToken);

    private static string Problem(CommandResult isActive, CommandResult show)
    {
        foreach (CommandResult result in new[] { isActive, show })
        {
            if (Failure(result) is { } failure)
            {
                return failure;
            }

            string firstError = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            if (firstError.Length > 0)
            {
                return firstError;
            }
        }

        return $"unexpected output (exit codes {isActive.ExitCode}, {show.ExitCode})";
    }

    /// <summary>Why systemctl gave no answer at all, or null when it ran to its exit.</summary>
    private static string? Failure(CommandResult result) =>
        result.Status == CommandStatus.Exited ? null : result.Describe(Systemctl);

    /// <summary>Unit names as systemd allows them; never one starting with '-', which systemctl would take as an option.</summary>
    internal static bool IsValidUnitName(string name) =>
        name.Length is > 0 and <= 255
        && name[0] != '-'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '\\' or '@');
}
