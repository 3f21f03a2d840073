using System.Diagnostics.CodeAnalysis;
using SshExporter.Probing;

namespace SshExporter.Runbook;

/// <summary>
/// Where the runbook explains what the exporter reports. Each fault maps to the alert of the shipped rules that
/// pages for it, and each alert's section is headed by its name, so a link on the exporter's pages and the
/// <c>runbook_url</c> of the alert about the same fault open the same section. Made only from a base URL that
/// <see cref="TryCreate"/> accepted.
/// </summary>
public sealed class RunbookLinks
{
    /// <summary>The project's own runbook, for when the operator has no copy of their own (<c>--web.runbook-url</c>).</summary>
    public const string DefaultBaseUrl = "https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md";

    /// <summary>Every alert whose section the exporter can link to; the runbook needs a section for each.</summary>
    public static IReadOnlyList<string> Alerts { get; } =
    [
        .. ProbeOutcomes.All.Select(Alert)
            .Concat(ProbeOutcomes.All.Select(LocalProbeAlert))
            .Concat(Enum.GetValues<SidecarFinding>().Select(finding => (string?)Alert(finding)))
            .OfType<string>()
            .Distinct(),
    ];

    private readonly string _baseUrl;

    private RunbookLinks(string baseUrl) => _baseUrl = baseUrl;

    /// <summary>Links into the project's own runbook.</summary>
    public static RunbookLinks Default { get; } = new(DefaultBaseUrl);

    /// <summary>The alert about a remote probe's outcome; null for success, which needs none.</summary>
    public static string? Alert(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Success => null,
        ProbeOutcome.Refused => "SshConnectionRefused",
        ProbeOutcome.ConnectTimeout => "SshConnectionTimeout",
        ProbeOutcome.Unreachable => "SshHostUnreachable",
        ProbeOutcome.Reset or ProbeOutcome.Closed => "SshConnectionDropped",
        ProbeOutcome.BannerTimeout => "SshBannerTimeout",
        ProbeOutcome.BannerInvalid => "SshPortTakenByOtherService",
        ProbeOutcome.ProtocolUnsupported => "SshProtocolUnsupported",
        ProbeOutcome.DnsError => "SshNameNotResolving",
        ProbeOutcome.Throttled => "SshProberThrottled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>
    /// The alert about the sidecar's loopback probe: as for a remote probe, except that no banner on loopback
    /// rules out the network and leaves sshd itself hung or overloaded.
    /// </summary>
    public static string? LocalProbeAlert(ProbeOutcome outcome) =>
        outcome == ProbeOutcome.BannerTimeout ? "SshDaemonNotAnswering" : Alert(outcome);

    public static string Alert(SidecarFinding finding) => finding switch
    {
        SidecarFinding.ServiceNotRunning => "SshDaemonNotRunning",
        SidecarFinding.ConfigInvalid => "SshConfigInvalid",
        SidecarFinding.HostKeyMissing => "SshHostKeysMissing",
        SidecarFinding.PortNotListening => "SshDaemonListensElsewhere",
        SidecarFinding.FirewallBlocks => "SshHostFirewallBlocking",
        SidecarFinding.CheckCouldNotLook => "SshSidecarCheckFailing",
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, null),
    };

    /// <summary>
    /// The anchor of an alert's section: GitHub's slug of a heading that is exactly the alert name, which is the
    /// name in lower case (alert names are letters only).
    /// </summary>
    public static string AnchorFor(string alertName) => alertName.ToLowerInvariant();

    /// <summary>
    /// Links into the runbook at <paramref name="baseUrl"/> (<c>--web.runbook-url</c>), if it can be their base: an
    /// absolute http(s) URL with no fragment of its own, since the anchor becomes the fragment.
    /// </summary>
    public static bool TryCreate(string baseUrl, [NotNullWhen(true)] out RunbookLinks? links, out string error)
    {
        bool valid = Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !baseUrl.Contains('#', StringComparison.Ordinal)
            // The link is printed on a line of its own; whitespace would cut it short.
            && !baseUrl.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
        links = valid ? new RunbookLinks(baseUrl) : null;
        error = valid ? "" : $"--web.runbook-url '{baseUrl}': expected an absolute http or https URL without a '#' fragment or spaces";
        return valid;
    }

    /// <summary>The section of <paramref name="alertName"/>.</summary>
    public string Url(string alertName) => $"{_baseUrl}#{AnchorFor(alertName)}";

    /// <summary>The link for a remote probe's outcome; null for success.</summary>
    public string? For(ProbeOutcome outcome) => Alert(outcome) is { } alert ? Url(alert) : null;
}
