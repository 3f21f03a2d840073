namespace SshExporter.Sidecar.Service;

/// <summary>
/// Runbook step 1, "is sshd running?": <see cref="Active"/> becomes <c>sshd_service_active</c>, and
/// <see cref="Detail"/> says which method decided and what it saw. When <see cref="Status"/> says the check could
/// not run, <see cref="Active"/> is false and means nothing. <see cref="Unit"/> is the systemd unit that decided
/// or that systemd knows, when systemd answered.
/// </summary>
public sealed record ServiceReport(CheckStatus Status, bool Active, ServiceMethod Method, string Detail, string? Unit = null)
{
    public static ServiceReport Running(ServiceMethod method, string detail) => new(CheckStatus.Ran(detail), true, method, detail);

    public static ServiceReport NotRunning(ServiceMethod method, string detail) => new(CheckStatus.Ran(detail), false, method, detail);

    public static ServiceReport CouldNotRun(ServiceMethod method, string reason) => new(CheckStatus.CouldNotRun(reason), false, method, reason);
}
