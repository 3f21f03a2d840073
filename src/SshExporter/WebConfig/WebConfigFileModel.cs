using YamlDotNet.Serialization;

namespace SshExporter.WebConfig;

// The web config file as exporter-toolkit defines it (docs/web-configuration.md there). YamlDotNet fills these;
// WebConfigLoader validates them into WebSettings. Unknown keys are errors, as with the toolkit's strict reading.

internal sealed class WebConfigFileModel
{
    public TlsServerConfigModel? TlsServerConfig { get; set; }

    public HttpServerConfigModel? HttpServerConfig { get; set; }

    public Dictionary<string, string?>? BasicAuthUsers { get; set; }

    public RateLimitModel? RateLimit { get; set; }
}

internal sealed class TlsServerConfigModel
{
    public string? Cert { get; set; }

    public string? Key { get; set; }

    public string? ClientCa { get; set; }

    public string? CertFile { get; set; }

    public string? KeyFile { get; set; }

    public string? ClientAuthType { get; set; }

    public string? ClientCaFile { get; set; }

    public List<string?>? ClientAllowedSans { get; set; }

    public string? MinVersion { get; set; }

    public string? MaxVersion { get; set; }

    public List<string?>? CipherSuites { get; set; }

    public bool? PreferServerCipherSuites { get; set; }

    public List<string?>? CurvePreferences { get; set; }
}

internal sealed class HttpServerConfigModel
{
    [YamlMember(Alias = "http2")]
    public bool? Http2 { get; set; }

    public Dictionary<string, string?>? Headers { get; set; }
}

internal sealed class RateLimitModel
{
    public string? Interval { get; set; }

    public int? Burst { get; set; }
}
