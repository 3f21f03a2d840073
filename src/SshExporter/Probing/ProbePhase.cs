namespace SshExporter.Probing;

/// <summary>The timed steps of a probe, in the order they run.</summary>
public enum ProbePhase
{
    Resolve,
    Connect,
    Banner,
    Kexinit,
    HostKey,
}

public static class ProbePhases
{
    public static IReadOnlyList<ProbePhase> All { get; } = Enum.GetValues<ProbePhase>();

    private static readonly string[] Labels = ["resolve", "connect", "banner", "kexinit", "host_key"];

    public static string ToLabel(this ProbePhase phase) => Labels[(int)phase];
}
