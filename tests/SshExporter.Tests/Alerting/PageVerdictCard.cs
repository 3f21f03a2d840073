using System.Net;
using System.Text.RegularExpressions;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// One verdict card of an exporter's page, read from the HTML a browser gets: its colour class and state word,
/// what it is about, and its runbook link with the words a person reads on it ("Runbook: ALERT"). A card that
/// names no fault (healthy, not probed yet) has no runbook link.
/// </summary>
public sealed partial record PageVerdictCard(string Name, string ColourClass, string State, string? RunbookHref, string? RunbookText)
{
    private const string RunbookPrefix = "Runbook: ";

    /// <summary>The alert the card's headline names: the words of its runbook link; null when it names none.</summary>
    public string? AlertName => RunbookText is { } text && text.StartsWith(RunbookPrefix, StringComparison.Ordinal) ? text[RunbookPrefix.Length..] : null;

    public static IReadOnlyList<PageVerdictCard> Parse(string html) =>
    [
        .. CardPattern().Matches(html).Select(card =>
        {
            var link = RunbookPattern().Match(card.Groups["body"].Value);
            return new PageVerdictCard(
                WebUtility.HtmlDecode(card.Groups["name"].Value),
                card.Groups["class"].Value,
                WebUtility.HtmlDecode(card.Groups["state"].Value),
                link.Success ? WebUtility.HtmlDecode(link.Groups["href"].Value) : null,
                link.Success ? WebUtility.HtmlDecode(link.Groups["text"].Value) : null);
        }),
    ];

    public override string ToString() => $"[{ColourClass}] {State} {Name}: {AlertName ?? "no alert named"} {RunbookHref}";

    // The markup of Web/VerdictCard.cs: the headline's runbook link is the only one with class="runbook".
    [GeneratedRegex("""<section class="verdict (?<class>[a-z]+)"><h3><span class="state">(?<state>[^<]*)</span> (?<name>[^<]*)</h3>(?<body>.*?)</section>""", RegexOptions.Singleline)]
    private static partial Regex CardPattern();

    [GeneratedRegex("""<a class="runbook" href="(?<href>[^"]*)">(?<text>[^<]*)</a>""")]
    private static partial Regex RunbookPattern();
}
