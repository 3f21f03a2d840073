namespace SshExporter.WebConfig;

/// <summary>exporter-toolkit's <c>client_auth_type</c> values, which are Go's <c>tls.ClientAuthType</c> names.</summary>
public enum ClientAuthType
{
    NoClientCert,
    RequestClientCert,
    RequireAnyClientCert,
    VerifyClientCertIfGiven,
    RequireAndVerifyClientCert,
}

internal static class ClientAuthTypes
{
    public static readonly string Names = string.Join(", ", Enum.GetNames<ClientAuthType>());

    public static ClientAuthType? Parse(string? text) => text switch
    {
        null or "" or "NoClientCert" => ClientAuthType.NoClientCert,
        "RequestClientCert" => ClientAuthType.RequestClientCert,
        // The toolkit still reads the old name.
        "RequireAnyClientCert" or "RequireClientCert" => ClientAuthType.RequireAnyClientCert,
        "VerifyClientCertIfGiven" => ClientAuthType.VerifyClientCertIfGiven,
        "RequireAndVerifyClientCert" => ClientAuthType.RequireAndVerifyClientCert,
        _ => null,
    };

    public static bool Requests(this ClientAuthType type) => type != ClientAuthType.NoClientCert;

    public static bool Requires(this ClientAuthType type) =>
        type is ClientAuthType.RequireAnyClientCert or ClientAuthType.RequireAndVerifyClientCert;

    public static bool Verifies(this ClientAuthType type) =>
        type is ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert;
}
