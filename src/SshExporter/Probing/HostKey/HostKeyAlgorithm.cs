namespace SshExporter.Probing.HostKey;

/// <summary>
/// A host key algorithm we can check a signature of: its name in KEXINIT and the type of key it signs with, as
/// the key blob and known_hosts name it (both RSA SHA-2 algorithms sign with an <c>ssh-rsa</c> key).
/// </summary>
public sealed record HostKeyAlgorithm(string Name, string KeyType)
{
    public static readonly HostKeyAlgorithm Ed25519 = new("ssh-ed25519", "ssh-ed25519");
    public static readonly HostKeyAlgorithm EcdsaNistP256 = new("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256");
    public static readonly HostKeyAlgorithm EcdsaNistP384 = new("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384");
    public static readonly HostKeyAlgorithm EcdsaNistP521 = new("ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521");
    public static readonly HostKeyAlgorithm RsaSha512 = new("rsa-sha2-512", "ssh-rsa");
    public static readonly HostKeyAlgorithm RsaSha256 = new("rsa-sha2-256", "ssh-rsa");

    /// <summary>RSA with SHA-1: OpenSSH 8.8 turned it off by default; only a module that names it offers it.</summary>
    public static readonly HostKeyAlgorithm RsaSha1 = new("ssh-rsa", "ssh-rsa");

    /// <summary>The order a module offers when it names none: ed25519 first, as OpenSSH's own client prefers.</summary>
    public static IReadOnlyList<HostKeyAlgorithm> Default { get; } = [Ed25519, EcdsaNistP256, EcdsaNistP384, EcdsaNistP521, RsaSha512, RsaSha256];

    /// <summary>Every algorithm a module may name.</summary>
    public static IReadOnlyList<HostKeyAlgorithm> Supported { get; } = [.. Default, RsaSha1];

    public static bool TryParse(string name, out HostKeyAlgorithm? algorithm, out string error)
    {
        algorithm = Supported.FirstOrDefault(a => a.Name == name);
        error = algorithm is null
            ? $"'{name}' is not a host key algorithm the probe can check (one of {string.Join(", ", Supported.Select(a => a.Name))})"
            : "";
        return algorithm is not null;
    }

    public override string ToString() => Name;
}
