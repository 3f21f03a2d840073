using CsCheck;
using SshExporter.WebConfig;

namespace SshExporter.Tests.WebConfig;

/// <summary>
/// Property tests of the web config loader over random documents built from its own keys and over valid files with
/// characters changed, inserted, removed or cut off: every outcome is settings or a <see cref="WebConfigException"/>,
/// never another exception. CsCheck prints the seed and the smallest failing document when one fails.
/// </summary>
public sealed class WebConfigFuzzTests : IDisposable
{
    private const int Iterations = 3_000;

    private static readonly string[] Keys =
    [
        "tls_server_config", "http_server_config", "basic_auth_users", "rate_limit", "cert", "key", "client_ca", "cert_file", "key_file",
        "client_ca_file", "client_auth_type", "client_allowed_sans", "min_version", "max_version", "cipher_suites",
        "prefer_server_cipher_suites", "curve_preferences", "http2", "headers", "X-Frame-Options", "Content-Security-Policy", "carol", "interval", "burst",
    ];

    private static readonly string[] Scalars =
    [
        "cert.pem", "key.pem", "other.pem", "/dev/null", "/", "..", "''", "\"\"", "~", "null", "true", "no", "0", "-1", "1e999", "TLS12", "TLS13",
        "TLS10", "RequireAndVerifyClientCert", "RequestClientCert", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "X25519",
        "deny", "nosniff", "$2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu", "$2y$99$", "&a x", "*a", "!!binary AAAA", "-----BEGIN CERTIFICATE-----",
        "{", "[", "]", "'", "\"", ":", "- ", "? ", "| ", "\t", "%YAML 1.1", "---", "...",
    ];

    private readonly PemFiles _pem = new();

    public void Dispose() => _pem.Dispose();

    [Fact]
    public void Random_documents_of_the_loaders_own_keys_never_throw_anything_else() =>
        Node(3).Sample(document => { Load(document); }, iter: Iterations);

    [Fact]
    public void Valid_files_with_characters_changed_inserted_removed_or_cut_off_never_throw_anything_else() =>
        Gen.Select(Gen.Int[0, Valid().Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2000], Gen.Char[' ', '~']).Array[1, 8]).Sample((which, edits) =>
        {
            var text = new System.Text.StringBuilder(Valid()[which]);
            foreach (var (kind, position, character) in edits)
            {
                int at = position % (text.Length + 1);
                _ = kind switch
                {
                    0 when at < text.Length => text.Remove(at, 1),
                    1 => text.Insert(at, character),
                    2 when at < text.Length => text.Replace(text[at], character, at, 1),
                    _ => text.Remove(at, text.Length - at),
                };
            }

            Load(text.ToString());
        }, iter: Iterations);

    private void Load(string yaml)
    {
        try
        {
            WebConfigLoader.Parse(yaml, "web.yml", _pem.Directory);
        }
        catch (WebConfigException)
        {
            // The loader's own refusal: what every bad file must get.
        }
    }

    private static string[] Valid() =>
    [
        "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n  client_ca_file: other.pem\n  client_auth_type: RequireAndVerifyClientCert\n  min_version: TLS12\n  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n",
        "http_server_config:\n  http2: false\n  headers:\n    X-Frame-Options: deny\n    Content-Security-Policy: \"default-src 'none'\"\nbasic_auth_users:\n  carol: $2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu\n",
        "tls_server_config: {cert_file: cert.pem, key_file: key.pem, client_allowed_sans: [a, b], max_version: TLS13}\nrate_limit: {interval: 1m30.5s, burst: 3}\n",
    ];

    /// <summary>YAML text of a value: a scalar, or (while <paramref name="depth"/> lasts) a block mapping or flow list of values.</summary>
    private static Gen<string> Node(int depth)
    {
        var scalar = Gen.OneOf(Gen.OneOf(Scalars), Gen.OneOf(Keys), Gen.String[Gen.Char[' ', '~'], 0, 12]);
        if (depth == 0)
        {
            return scalar;
        }

        var mapping = Gen.Select(Gen.OneOf(Gen.OneOf(Keys), Gen.OneOf(Scalars)), Node(depth - 1)).Array[0, 5]
            .Select(entries => string.Concat(entries.Select(entry => $"{entry.Item1}:\n{Indent(entry.Item2)}")));
        var list = Node(depth - 1).Array[0, 4].Select(items => $"[{string.Join(", ", items)}]");
        return Gen.OneOf(scalar, mapping, list);
    }

    private static string Indent(string text) => string.Concat(text.Split('\n').Select(line => $"  {line}\n"));
}
