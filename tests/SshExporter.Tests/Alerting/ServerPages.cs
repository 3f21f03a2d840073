using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// What the exporters' own pages said about one server of the environment, read when the alerts are: the central
/// exporter's <c>/target</c> page of the probed port (the remote view alone: it runs no local checks) and the
/// sidecar's landing page, whose "local sshd" card is the local view alone (none for a server without a sidecar).
/// </summary>
public sealed record ServerPages(string ProbeTarget, HttpAnswer Central, HttpAnswer? Sidecar)
{
    /// <summary>The name of the landing page's card about the sshd of the exporter's own host.</summary>
    public const string LocalSshdCard = "local sshd";

    /// <summary>A read of a page keeps asking while the exporter is slow to answer, up to this.</summary>
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(30);

    /// <summary>The central exporter's card for the probed port, or null when its page showed none.</summary>
    public PageVerdictCard? RemoteCard => Card(Central, ProbeTarget);

    /// <summary>The sidecar's card for its own sshd, or null when it showed none or there is no sidecar.</summary>
    public PageVerdictCard? LocalCard => Sidecar is null ? null : Card(Sidecar, LocalSshdCard);

    /// <summary>Reads both pages of <paramref name="probeTarget"/>; the sidecar's only when <paramref name="host"/> has one.</summary>
    public static async Task<ServerPages> ReadAsync(
        HttpClient central, string probeTarget, string module, SshHost? host, CancellationToken cancellationToken)
    {
        var remote = HttpAnswer.GetPatientlyAsync(
            central, $"target?address={Uri.EscapeDataString(probeTarget)}&module={Uri.EscapeDataString(module)}", AnswerLimit, cancellationToken);
        var local = host?.SidecarTarget is null ? Task.FromResult<HttpAnswer?>(null) : LandingPageAsync(host);
        return new ServerPages(probeTarget, await remote, await local);

        async Task<HttpAnswer?> LandingPageAsync(SshHost server) => await server.GetSidecarPageAsync("", AnswerLimit, cancellationToken);
    }

    public override string ToString() => $"""
        central exporter's page of {ProbeTarget}: {Describe(Central, RemoteCard)}
        sidecar's landing page, {LocalSshdCard}: {(Sidecar is null ? "no sidecar" : Describe(Sidecar, LocalCard))}
        """;

    private static PageVerdictCard? Card(HttpAnswer answer, string name) =>
        answer.IsSuccess ? PageVerdictCard.Parse(answer.Body).SingleOrDefault(card => card.Name == name) : null;

    /// <summary>The card, or the whole answer when it had none, so that a failure shows what the page did say.</summary>
    private static string Describe(HttpAnswer answer, PageVerdictCard? card) => card?.ToString() ?? $"no card; {answer}";
}
