namespace SshExporter.Probing.Sockets;

/// <summary>
/// The probe could not be made from this side (<see cref="LocalFailure"/>): there is no target outcome to report,
/// so the probe ends with this instead of a <see cref="ProbeResult"/>.
/// </summary>
public sealed class LocalProbeFailureException(LocalFailure reason)
    : Exception($"the prober could not probe: {reason.Describe()} ({reason.ToLabel()})")
{
    public LocalFailure Reason { get; } = reason;
}
