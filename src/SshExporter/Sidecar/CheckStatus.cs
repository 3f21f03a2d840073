namespace SshExporter.Sidecar;

/// <summary>
/// Whether a sidecar check could look at all. A check that could not run (no permission, tool missing,
/// file absent) says why and must never be read as a fault: it becomes <c>sshd_check_success{check} 0</c>
/// while the check's own metric is left out.
/// </summary>
public readonly record struct CheckStatus(bool CouldRun, string Detail)
{
    public static CheckStatus Ran(string detail = "") => new(true, detail);

    public static CheckStatus CouldNotRun(string reason) => new(false, reason);
}
