namespace SshExporter.Sidecar;

/// <summary>
/// What one check found. <see cref="Status"/> becomes <c>sshd_check_success{check}</c>; when the check could not
/// look, its line says why and its metrics are left out, so "could not look" never reads as a fault.
/// </summary>
public abstract record CheckResult(CheckStatus Status)
{
    /// <summary>What the check found, for its line of the <c>/sidecar</c> text; read only when it could look.</summary>
    public abstract string Describe();

    /// <summary>
    /// The alerts whose runbook sections cover what it found wrong; none when all is well. The whole report is
    /// given because a fault can follow from another check's (nothing listens because sshd is down).
    /// </summary>
    public virtual IEnumerable<string> Alerts(SidecarReport report) => [];

    /// <summary>Creates the check's metric families, and fills them only when it could look.</summary>
    public abstract void Write(SidecarGauges gauges);

    /// <summary>Parts reported apart in <c>sshd_check_success</c>, with no duration of their own (firewall_BACKEND).</summary>
    public virtual IEnumerable<KeyValuePair<string, CheckStatus>> Parts => [];
}
