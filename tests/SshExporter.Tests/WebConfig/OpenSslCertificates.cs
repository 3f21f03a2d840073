using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.WebConfig;

/// <summary>
/// Certificates made by the real <c>openssl</c>, as an operator would make them, in a directory of the test's: a CA,
/// a server certificate for localhost and 127.0.0.1, a client certificate (client authentication, DNS name <see cref="ClientName"/>), and a stranger:
/// a self-signed client certificate no configured CA signed. P-256 keys, valid for two days.
/// </summary>
public sealed class OpenSslCertificates
{
    private readonly string _openssl;

    private OpenSslCertificates(string openssl, string directory)
    {
        _openssl = openssl;
        Directory = directory;
    }

    /// <summary>The client certificate's DNS name, for <c>client_allowed_sans</c>.</summary>
    public const string ClientName = "prometheus.invalid";

    public string Directory { get; }

    public string CaCert => PathOf("ca.crt");

    public string ServerCert => PathOf("server.crt");

    public string ServerKey => PathOf("server.key");

    public string ClientCert => PathOf("client.crt");

    public string ClientKey => PathOf("client.key");

    public string StrangerCert => PathOf("stranger.crt");

    public string StrangerKey => PathOf("stranger.key");

    public static async Task<OpenSslCertificates> CreateAsync(string directory, CancellationToken cancellationToken)
    {
        var certificates = new OpenSslCertificates(Requires.Tool("openssl"), directory);
        await certificates.SelfSignedAsync("ca", "ssh-exporter test CA", cancellationToken);
        await certificates.IssueAsync("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n", cancellationToken);
        await certificates.IssueAsync("client", "prometheus", $"subjectAltName=DNS:{ClientName}\nextendedKeyUsage=clientAuth\n", cancellationToken);
        await certificates.SelfSignedAsync("stranger", "stranger", cancellationToken);
        return certificates;
    }

    /// <summary>A new server certificate and key for <paramref name="commonName"/> from the same CA, written as <c>{name}.crt</c>/<c>.key</c>.</summary>
    public Task IssueServerAsync(string name, string commonName, CancellationToken cancellationToken) =>
        IssueAsync(name, commonName, "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n", cancellationToken);

    public string PathOf(string file) => Path.Combine(Directory, file);

    private async Task SelfSignedAsync(string name, string commonName, CancellationToken cancellationToken) =>
        await ExternalCommand.RunCheckedAsync(_openssl,
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
             "-subj", $"/CN={commonName}", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,digitalSignature",
             "-keyout", PathOf($"{name}.key"), "-out", PathOf($"{name}.crt")],
            cancellationToken);

    private async Task IssueAsync(string name, string commonName, string extensions, CancellationToken cancellationToken)
    {
        string request = PathOf($"{name}.csr");
        string extensionFile = PathOf($"{name}.ext");
        await File.WriteAllTextAsync(extensionFile, extensions, cancellationToken);
        await ExternalCommand.RunCheckedAsync(_openssl,
            ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", $"/CN={commonName}",
             "-keyout", PathOf($"{name}.key"), "-out", request],
            cancellationToken);
        await ExternalCommand.RunCheckedAsync(_openssl,
            ["x509", "-req", "-in", request, "-CA", CaCert, "-CAkey", PathOf("ca.key"), "-set_serial", $"0x{Convert.ToHexString(Guid.NewGuid().ToByteArray())}",
             "-days", "2", "-extfile", extensionFile, "-out", PathOf($"{name}.crt")],
            cancellationToken);
    }
}
