using SshExporter.Probing;

namespace SshExporter.Runbook;

/// <summary>
/// Where the runbook explains what the exporter reports. Each anchor is an alert name of the alerting contract in
/// lower case (GitHub's slug for a heading that is exactly the alert name), so a link on the exporter's pages and
/// the <c>runbook_url</c> of the alert about the same fault open the same section.
/// </summary>
public sealed class RunbookLinks(string baseUrl)
{
    /// <summary>The project's own runbook, for when the operator has no copy of their own (<c>--web.runbook-url</c>).</summary>
    public const string DefaultBaseUrl = "https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md";

    /// <summary>Every anchor the exporter can link to; the runbook needs a section for each.</summary>
    public static IReadOnlyList<string> Anchors { get; } =
    [
        .. ProbeOutcomes.All.Select(Anchor)
            .Concat(ProbeOutcomes.All.Select(LocalProbeAnchor))
            .Concat(Enum.GetValues<SidecarFinding>().Select(finding => (string?)Anchor(finding)))
            .OfType<string>()
            .Distinct(),
    ];

    public string BaseUrl { get; } = baseUrl;

    /// <summary>The section for a remote probe's outcome; null for success, which needs none.</summary>
    public static string? Anchor(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Success => null,
        ProbeOutcome.Refused => "sshconnectionrefused",
        ProbeOutcome.ConnectTimeout => "sshconnectiontimeout",
        ProbeOutcome.Unreachable => "sshhostunreachable",
        ProbeOutcome.Reset or ProbeOutcome.Closed => "sshconnectiondropped",
        ProbeOutcome.BannerTimeout => "sshbannertimeout",
        ProbeOutcome.BannerInvalid => "sshporttakenbyotherservice",
        ProbeOutcome.ProtocolUnsupported => "sshprotocolunsupported",
        ProbeOutcome.DnsError => "sshnamenotresolving",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>
    /// The section for the sidecar's loopback probe: as for a remote probe, except that no banner on loopback
    /// rules out the network and leaves sshd itself hung or overloaded.
    /// </summary>
    public static string? LocalProbeAnchor(ProbeOutcome outcome) =>
        outcome == ProbeOutcome.BannerTimeout ? "sshdaemonnotanswering" : Anchor(outcome);

    public static string Anchor(SidecarFinding finding) => finding switch
    {
        SidecarFinding.ServiceNotRunning => "sshdaemonnotrunning",
        SidecarFinding.ConfigInvalid => "sshconfiginvalid",
        SidecarFinding.HostKeyMissing => "sshhostkeysmissing",
        SidecarFinding.PortNotListening => "sshdaemonlistenselsewhere",
        SidecarFinding.FirewallBlocks => "sshhostfirewallblocking",
        SidecarFinding.CheckCouldNotLook => "sshsidecarcheckfailing",
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, null),
    };

    /// <summary>
    /// Whether <paramref name="text"/> can be the base of the links: an absolute http(s) URL with no fragment of
    /// its own, since the anchor becomes the fragment.
    /// </summary>
    public static bool IsValidBaseUrl(string text, out string error)
    {
        bool valid = Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !text.Contains('#', StringComparison.Ordinal)
            // The link is printed on a line of its own; whitespace would cut it short.
            && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
        error = valid ? "" : $"--web.runbook-url '{text}': expected an absolute http or https URL without a '#' fragment or spaces";
        return valid;
    }

    public string Url(string anchor) => $"{BaseUrl}#{anchor}";

    /// <summary>The link for a remote probe's outcome; null for success.</summary>
    public string? For(ProbeOutcome outcome) => Anchor(outcome) is { } anchor ? Url(anchor) : null;
}
