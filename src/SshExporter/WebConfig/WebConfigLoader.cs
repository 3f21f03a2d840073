using SshExporter.Config;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SshExporter.WebConfig;

/// <summary>
/// Reads and validates a web config file in exporter-toolkit's format, with the certificates it names. Every failure
/// is a <see cref="WebConfigException"/> whose one-line message names the file and the key; relative paths are
/// relative to the file's directory, as the toolkit reads them.
/// </summary>
public static class WebConfigLoader
{
    /// <summary>A web config file is a few lines and some PEM; the cap keeps a wrong path (a device, a huge file) harmless.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Headers a file may set, and the values each allows (none listed: any); the toolkit's list.</summary>
    private static readonly Dictionary<string, string[]> AllowedHeaders = new(StringComparer.Ordinal)
    {
        ["Strict-Transport-Security"] = [],
        ["X-Content-Type-Options"] = ["nosniff"],
        ["X-Frame-Options"] = ["deny", "sameorigin"],
        ["X-XSS-Protection"] = [],
        ["Content-Security-Policy"] = [],
    };

    private static readonly IDeserializer Deserializer = YamlModelBuilders.Deserializer()
        .WithDuplicateKeyChecking()
        .Build();

    /// <summary>The settings, and every file they were read from, itself first (for noticing a change).</summary>
    public static (WebSettings Settings, IReadOnlyList<FileStamp> Files) Load(string path)
    {
        var stamp = FileStamp.Of(path);
        string yaml = ReadText(path, path, "web config file");
        var (settings, files) = Parse(yaml, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/");
        return (settings, [stamp, .. files]);
    }

    /// <summary><paramref name="source"/> names the file in errors; <paramref name="directory"/> is where relative paths start.</summary>
    public static (WebSettings Settings, IReadOnlyList<FileStamp> Files) Parse(string yaml, string source, string directory)
    {
        WebConfigFileModel? model;
        using var reader = new StringReader(yaml);
        var parser = new AliasExpansionLimit(new Parser(reader), MaxFileBytes);
        try
        {
            model = Deserializer.Deserialize<WebConfigFileModel?>(parser);
        }
        catch (YamlException e)
        {
            throw new WebConfigException(YamlErrorText.Describe(e, source), e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WebConfigException(YamlErrorText.DescribeUnwrapped(e, parser, source), e);
        }

        model ??= new WebConfigFileModel();
        var files = new List<FileStamp>();
        var settings = new WebSettings(
            TlsSection.Validate(model.TlsServerConfig, $"{source}: tls_server_config.", directory, files),
            model.HttpServerConfig?.Http2 ?? true,
            Headers(model.HttpServerConfig?.Headers, $"{source}: http_server_config.headers"),
            Users(model.BasicAuthUsers, $"{source}: basic_auth_users"))
        {
            RateLimit = RateLimit(model.RateLimit, $"{source}: rate_limit"),
        };
        return (settings, files);
    }

    /// <summary>
    /// Reads a file the web config names, bounded and only if it is a regular file (a FIFO would hold up every
    /// handshake), as text; <paramref name="where"/> and <paramref name="kind"/> name it in an error.
    /// </summary>
    internal static string ReadText(string path, string where, string kind) =>
        Config.BoundedFile.TryReadText(path, MaxFileBytes, kind, out string text, out string error)
            ? text
            : throw new WebConfigException($"{where}: {error}");

    private static Dictionary<string, string> Headers(Dictionary<string, string?>? headers, string where)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers ?? [])
        {
            if (!AllowedHeaders.TryGetValue(name, out string[]? allowed))
            {
                throw new WebConfigException($"{where}: HTTP header '{name}' cannot be configured (only {string.Join(", ", AllowedHeaders.Keys)})");
            }

            if (allowed.Length > 0 && !allowed.Contains(value, StringComparer.Ordinal))
            {
                throw new WebConfigException($"{where}.{name}: '{value}' is not one of {string.Join(", ", allowed)}");
            }

            if (!string.IsNullOrEmpty(value))
            {
                // A blank value leaves the header unset, as the toolkit documents.
                result[name] = value;
            }
        }

        return result;
    }

    private static (TimeSpan Interval, int Burst)? RateLimit(RateLimitModel? limit, string where)
    {
        if (limit?.Interval is not { } text)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out var interval))
        {
            throw new WebConfigException($"{where}.interval: '{text}' is not a duration (like 1s, 250ms, 1m30s)");
        }

        // Go's limiter with a burst of 0 would refuse every request; that is a mistake, not a policy.
        if (interval == TimeSpan.Zero)
        {
            return null;
        }

        return limit.Burst is int burst && burst >= 1
            ? (interval, burst)
            : throw new WebConfigException($"{where}.burst: must be at least 1 when an interval is set");
    }

    private static Dictionary<string, string> Users(Dictionary<string, string?>? users, string where)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (user, hash) in users ?? [])
        {
            if (hash is null || !BcryptHash.IsValid(hash))
            {
                throw new WebConfigException($"{where}.{user}: not a bcrypt hash (like $2y$10$ and 53 more characters; make one with htpasswd -nBC 10 \"\" | tr -d ':\\n')");
            }

            result[user] = hash;
        }

        return result;
    }
}
