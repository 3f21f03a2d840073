namespace SshExporter.Probing.HostKey;

/// <summary>
/// A module's <c>host_key:</c> section: the host key algorithms to offer, in order, and the known_hosts file (read
/// when the config is loaded) whose entries pin the keys of the targets it names.
/// </summary>
public sealed record HostKeySettings
{
    public IReadOnlyList<HostKeyAlgorithm> Algorithms { get; init; } = HostKeyAlgorithm.Default;

    public KnownHostsFile? KnownHosts { get; init; }

    /// <summary>The pins for <paramref name="target"/>: its configured fingerprints, then its known_hosts entries.</summary>
    public IReadOnlyList<HostKeyPin> PinsFor(TargetAddress target, IReadOnlyList<HostKeyPin> configured) =>
        KnownHosts is null ? configured : [.. configured, .. KnownHosts.PinsFor(target)];
}
