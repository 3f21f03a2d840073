using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>A host key pair a test made with ssh-keygen, and what ssh-keygen itself says of it.</summary>
internal sealed record TestHostKey(string PrivateKeyFile, string PublicKeyLine, string Fingerprint)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The key's type as its public line names it (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa…).</summary>
    public string KeyType => PublicKeyLine.Split(' ')[0];

    /// <summary>The base64 key blob of the public line.</summary>
    public string KeyBlob => PublicKeyLine.Split(' ')[1];

    /// <summary>Makes a key with no passphrase at <paramref name="path"/> (replacing one there), e.g. ("ecdsa", 384).</summary>
    public static async Task<TestHostKey> CreateAsync(string path, string type, int? bits = null)
    {
        File.Delete(path);
        File.Delete(path + ".pub");
        string[] size = bits is { } b ? ["-b", b.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        await ExternalCommand.RunCheckedAsync(Requires.Tool("ssh-keygen"), ["-q", "-t", type, .. size, "-N", "", "-C", "", "-f", path], Token);
        return await OfAsync(path);
    }

    /// <summary>An existing pair at <paramref name="path"/>, with the fingerprint <c>ssh-keygen -lf</c> prints for it.</summary>
    public static async Task<TestHostKey> OfAsync(string path)
    {
        // "256 SHA256:… comment (ED25519)": the second field is the fingerprint.
        string listed = await ExternalCommand.RunCheckedAsync(Requires.Tool("ssh-keygen"), ["-l", "-E", "sha256", "-f", path + ".pub"], Token);
        return new TestHostKey(path, (await File.ReadAllTextAsync(path + ".pub", Token)).Trim(), listed.Split(' ')[1]);
    }
}
