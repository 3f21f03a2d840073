using System.Globalization;
using System.Text;
using SshExporter.Config;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// An OpenSSH known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"), read once when the config is loaded:
/// host patterns (wildcards, negation, <c>[host]:port</c>, hashed <c>|1|</c> names), a key type and a key whose
/// fingerprint becomes a pin. <c>@revoked</c> lines pin a key that must never be accepted; <c>@cert-authority</c>
/// lines are refused, since the probe does not check host certificates and would silently leave the hosts unpinned.
/// </summary>
public sealed class KnownHostsFile
{
    /// <summary>A known_hosts file this large is no list of hosts; refusing it keeps a reload from eating memory.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private readonly IReadOnlyList<KnownHostsLine> _lines;

    private KnownHostsFile(string path, IReadOnlyList<KnownHostsLine> lines)
    {
        Path = path;
        _lines = lines;
    }

    public string Path { get; }

    /// <summary>How many keys the file holds.</summary>
    public int Count => _lines.Count;

    /// <summary>Reads and checks the whole file; false with <c>path:line: reason</c> when it cannot be used.</summary>
    public static bool TryLoad(string path, out KnownHostsFile? file, out string error)
    {
        file = null;
        if (!BoundedFile.TryReadText(path, MaxFileBytes, "known_hosts file", out string content, out string reason))
        {
            error = $"{path}: {reason}";
            return false;
        }

        string[] text = content.ReplaceLineEndings("\n").Split('\n');

        var lines = new List<KnownHostsLine>();
        for (int i = 0; i < text.Length; i++)
        {
            string where = $"{path}:{(i + 1).ToString(CultureInfo.InvariantCulture)}";
            if (!KnownHostsLine.TryParse(text[i], where, out var line, out error))
            {
                return false;
            }

            if (line is not null)
            {
                lines.Add(line);
            }
        }

        file = new KnownHostsFile(path, lines);
        error = "";
        return true;
    }

    /// <summary>
    /// The pins of every line that names <paramref name="target"/> as OpenSSH looks it up: <c>host</c> on port 22,
    /// <c>[host]:port</c> on any other, compared without case.
    /// </summary>
    public IReadOnlyList<HostKeyPin> PinsFor(TargetAddress target)
    {
        string name = (target.Port == TargetAddress.DefaultPort ? target.Host : $"[{target.Host}]:{target.Port.ToString(CultureInfo.InvariantCulture)}")
            .ToLowerInvariant();
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        return [.. _lines.Where(line => line.Hosts.Matches(name, nameBytes)).Select(line => line.Pin)];
    }
}
