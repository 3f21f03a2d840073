using System.Globalization;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.WebConfig;

/// <summary>The real <c>curl</c> asking an exporter over TLS, trusting the test CA; its answer or its failure.</summary>
public static class Curl
{
    /// <summary>curl's exit code, the HTTP status (0 when there was no answer) and version, the response headers and everything curl said.</summary>
    public sealed record CurlAnswer(int ExitCode, int Status, string HttpVersion, string Headers, string Output)
    {
        public override string ToString() => $"curl exit code {ExitCode}, HTTP/{HttpVersion} {Status}\n{Output}";
    }

    /// <summary>GET <paramref name="path"/> of <paramref name="exporter"/> with curl's <paramref name="options"/>.</summary>
    public static async Task<CurlAnswer> GetAsync(TlsExporter exporter, string path, params string[] options)
    {
        string curl = Requires.Tool("curl");
        var result = await ExternalCommand.RunAsync(curl,
            ["-sS", "-o", "/dev/null", "-D", "-", "-w", "%{http_code} %{http_version}", "--max-time", "20", "--cacert", exporter.Certificates.CaCert, .. options,
             $"https://localhost:{exporter.Port}{path}"],
            TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        string[] lines = result.Stdout.Split('\n');
        string[] written = lines[^1].Trim().Split(' ');
        int status = int.TryParse(written[0], CultureInfo.InvariantCulture, out int code) ? code : 0;
        return new CurlAnswer(result.ExitCode, status, written.Length > 1 ? written[1] : "", string.Join('\n', lines[..^1]), result.ToString());
    }
}
