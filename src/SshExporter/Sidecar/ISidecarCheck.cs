namespace SshExporter.Sidecar;

/// <summary>
/// One of the sidecar's checks, a runbook step run on the SSH server's own host. It says how it runs; its
/// <see cref="CheckResult"/> says what it exports, its line of <c>/sidecar</c> text and its runbook section.
/// The collector times every check, applies the deadline and reports <c>sshd_check_success{check}</c> for it.
/// </summary>
public interface ISidecarCheck
{
    /// <summary>The <c>check</c> label of <c>sshd_check_success</c>, and the first word of its line of text.</summary>
    string Name { get; }

    /// <summary>The checks whose results this one reads from the context: they run to the end before it starts.</summary>
    IReadOnlyList<string> Needs { get; }

    Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken);

    /// <summary>Its result when it could not look at all, such as when it did not finish before the deadline.</summary>
    CheckResult CouldNotRun(SidecarContext context, string reason);
}
