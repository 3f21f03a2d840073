using System.Globalization;
using System.Text.RegularExpressions;
using SshExporter.Probing;

namespace SshExporter.Diagnosis;

/// <summary>
/// Fills the runbook's placeholders for one target: <c>HOST</c> and <c>PORT</c> as whole words, and the service
/// name <c>ssh</c> of the systemctl and journalctl commands with the unit the sidecar found, when it found one (the
/// runbook says <c>ssh</c>, Debian's name; RHEL and others call it <c>sshd</c>). Target hosts are validated names
/// or addresses, so they are safe in a shell command as they are.
/// </summary>
public static partial class CommandText
{
    [GeneratedRegex(@"\bHOST\b")]
    private static partial Regex Host();

    [GeneratedRegex(@"\bPORT\b")]
    private static partial Regex Port();

    /// <summary><c>ssh</c> or <c>ssh.socket</c> as a word of its own.</summary>
    [GeneratedRegex(@"(?<=\s)ssh(?=(?:\.socket)?(?:\s|$))")]
    private static partial Regex ServiceName();

    /// <summary>
    /// <paramref name="template"/> for <paramref name="target"/>; <paramref name="unit"/> is the systemd unit the
    /// service check named (<c>sshd.service</c>), or null to keep the runbook's <c>ssh</c>.
    /// </summary>
    public static string Fill(string template, TargetAddress target, string? unit = null)
    {
        // A URL needs an IPv6 literal in brackets; a command line takes it bare.
        string text = template.Replace("//HOST:", $"//{UrlHost(target.Host)}:", StringComparison.Ordinal);
        text = Host().Replace(text, target.Host);
        text = Port().Replace(text, target.Port.ToString(CultureInfo.InvariantCulture));
        return ServiceUnit(unit) is { } name && IsServiceCommand(text) ? ServiceName().Replace(text, name) : text;
    }

    private static string UrlHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private static bool IsServiceCommand(string text) =>
        text.Contains("systemctl ", StringComparison.Ordinal) || text.Contains("journalctl ", StringComparison.Ordinal);

    /// <summary>The unit's name without <c>.service</c> or <c>.socket</c>, or null when it is the runbook's own.</summary>
    private static string? ServiceUnit(string? unit)
    {
        string? name = unit switch
        {
            null => null,
            _ when unit.EndsWith(".service", StringComparison.Ordinal) => unit[..^".service".Length],
            _ when unit.EndsWith(".socket", StringComparison.Ordinal) => unit[..^".socket".Length],
            _ => unit,
        };
        return name is null or "ssh" || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '@' or '.')) ? null : name;
    }
}
