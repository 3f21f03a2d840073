using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// A host key's SHA-256 fingerprint as OpenSSH prints it (<c>ssh-keygen -lf</c>): <c>SHA256:</c> and the base64 of
/// the SHA-256 of the key blob, without padding.
/// </summary>
public sealed record HostKeyFingerprint
{
    private const string Prefix = "SHA256:";
    private const int Base64Length = 43; // 32 bytes in base64 without the one '=' of padding

    private HostKeyFingerprint(string text) => Text = text;

    public string Text { get; }

    public static HostKeyFingerprint OfKeyBlob(ReadOnlySpan<byte> keyBlob) =>
        new(Prefix + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('='));

    /// <summary>Accepts what <c>ssh-keygen -lf</c> prints for a key: <c>SHA256:</c> and 43 base64 characters.</summary>
    public static bool TryParse(string text, out HostKeyFingerprint? fingerprint, out string error)
    {
        fingerprint = null;
        string body = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : "";
        var hash = new byte[32];
        if (body.Length != Base64Length || !Convert.TryFromBase64String(body + "=", hash, out int written) || written != hash.Length)
        {
            error = $"'{text}' is not a SHA-256 host key fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints it)";
            return false;
        }

        // The canonical spelling, so that equal hashes compare equal as text.
        fingerprint = new HostKeyFingerprint(Prefix + Convert.ToBase64String(hash).TrimEnd('='));
        error = "";
        return true;
    }

    public override string ToString() => Text;
}
