using SshExporter.Probing.HostKey;

namespace SshExporter.Config;

/// <summary>A module's <c>host_key:</c> section as written; <see cref="HostKeySection"/> validates it.</summary>
internal sealed class HostKeyModel
{
    /// <summary>Host key algorithms to offer, in order; each name is checked as it is read, at its line and column.</summary>
    public List<HostKeyAlgorithm>? Algorithms { get; set; }

    /// <summary>An OpenSSH known_hosts file whose entries pin the keys of the targets they name.</summary>
    public string? KnownHosts { get; set; }
}
