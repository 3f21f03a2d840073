using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SshExporter.Probing;

/// <summary>
/// A validated <c>host:port</c> to probe. The port defaults to 22 when none is given. The parser is strict so that
/// what a restriction checks is what a resolver reads: IPv4 only as a canonical dotted quad, IPv6 only in brackets
/// and without a zone, names only as ASCII labels without a trailing dot. Errors are one line and quote at most a
/// short, escaped excerpt of the input.
/// </summary>
public sealed record TargetAddress(string Host, int Port)
{
    public const int DefaultPort = 22;
    private const int MaxHostLength = 253;

    /// <summary>The canonical form used as the <c>target</c> label: <c>host:port</c>, IPv6 in brackets.</summary>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The address when the host is an IP literal; null for a name, which must be resolved.</summary>
    public IPAddress? Literal => IPAddress.TryParse(Host, out var address) ? address : null;

    /// <summary>Parses <c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>; error is one line.</summary>
    public static bool TryParse(string? input, out TargetAddress? target, out string error)
    {
        target = null;
        if (string.IsNullOrEmpty(input))
        {
            error = "target is empty; expected host:port";
            return false;
        }

        if (input.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            error = "target contains control or whitespace characters";
            return false;
        }

        // Split at its first colon, a URL would fail as "port '//host' is not a number"; name the real mistake.
        if (input.Contains("://", StringComparison.Ordinal))
        {
            error = $"{InputExcerpt.Quote(input)} is a URL; expected host:port";
            return false;
        }

        if (!SplitHostPort(input, out string host, out bool bracketed, out string? portText, out error))
        {
            return false;
        }

        int port = DefaultPort;
        if (portText is not null && !TryParsePort(portText, out port, out error))
        {
            return false;
        }

        if (!(bracketed ? IsIpv6Host(host, out error) : IsNameOrIpv4Host(host, out error)))
        {
            return false;
        }

        target = new TargetAddress(host, port);
        return true;
    }

    private static bool SplitHostPort(string input, out string host, out bool bracketed, out string? port, out string error)
    {
        error = "";
        port = null;
        host = "";
        bracketed = input.StartsWith('[');
        if (bracketed)
        {
            int close = input.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "missing ']' after an IPv6 address";
                return false;
            }

            host = input[1..close];
            string rest = input[(close + 1)..];
            if (rest.Length > 0 && !rest.StartsWith(':'))
            {
                error = "expected ':port' after ']'";
                return false;
            }

            port = rest.Length > 0 ? rest[1..] : null;
            return true;
        }

        if (input.Count(c => c == ':') > 1)
        {
            error = UnbracketedIpv6(input);
            return false;
        }

        int colon = input.IndexOf(':', StringComparison.Ordinal);
        host = colon < 0 ? input : input[..colon];
        port = colon < 0 ? null : input[(colon + 1)..];
        return true;
    }

    /// <summary>
    /// Without brackets, <c>::1:2500</c> is both port 2500 of ::1 and the address ::0.1.37.0 on port 22; neither
    /// reading is safe to guess, so the error spells out the bracketed forms.
    /// </summary>
    private static string UnbracketedIpv6(string input)
    {
        int last = input.LastIndexOf(':');
        string head = input[..last];
        string tail = input[(last + 1)..];
        bool whole = IsIpv6Host(input, out _);
        bool split = TryParsePort(tail, out int port, out _) && IsIpv6Host(head, out _);
        return (whole, split) switch
        {
            (true, true) => $"'{input}' is ambiguous: write [{head}]:{port} for port {port} of {head}, or [{input}] for that address on port 22",
            (false, true) => $"an IPv6 address goes in brackets: write [{head}]:{port}",
            (true, false) => $"an IPv6 address goes in brackets: write [{input}] or [{input}]:PORT",
            _ => $"{InputExcerpt.Quote(input)} has more than one ':'; an IPv6 address goes in brackets, as in [2001:db8::1]:22",
        };
    }

    private static bool TryParsePort(string text, out int port, out string error)
    {
        error = "";
        port = 0;
        if (text.Length == 0 || text.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            error = $"port {InputExcerpt.Quote(text)} is not a number";
            return false;
        }

        // Digits only from here: a run too long for an int is a port out of range, not "not a number".
        if (text.TrimStart('0').Length > 5
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535)
        {
            port = 0;
            error = $"port {InputExcerpt.Of(text)} is outside 1-65535";
            return false;
        }

        return true;
    }

    /// <summary>
    /// An IPv6 literal, as written between brackets. No zone (<c>%eth0</c>): the probe has no interface to name, and
    /// a restriction's networks could not tell two links apart. An embedded IPv4 part must be a canonical dotted quad.
    /// </summary>
    private static bool IsIpv6Host(string host, out string error)
    {
        error = "";
        if (host.Contains('%', StringComparison.Ordinal))
        {
            error = "IPv6 zone ids (%eth0) are not supported";
            return false;
        }

        // IPAddress.TryParse alone also takes brackets, a trailing "%" and IPv4: only hex digits, ':' and '.' go to it.
        bool parsed = host.Length > 0
            && host.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            && IPAddress.TryParse(host, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6
            && (!host.Contains('.', StringComparison.Ordinal) || Ipv4Literal.IsCanonical(host[(host.LastIndexOf(':') + 1)..]));
        if (!parsed)
        {
            error = $"{InputExcerpt.Quote(host)} is not an IPv6 address; brackets are only for IPv6";
        }

        return parsed;
    }

    private static bool IsNameOrIpv4Host(string host, out string error)
    {
        error = "";
        if (host.Length > MaxHostLength)
        {
            error = $"host name is longer than {MaxHostLength} characters";
            return false;
        }

        if (host.Any(c => !char.IsAscii(c)))
        {
            error = $"{InputExcerpt.Quote(host)} is not ASCII; write an internationalised name in its xn-- (IDNA) form";
            return false;
        }

        // "host." is absolute in DNS but not in /etc/hosts, and would not match a host pattern: one spelling only.
        if (host.Length > 1 && host.EndsWith('.'))
        {
            error = $"{InputExcerpt.Quote(host)} ends in a dot; write the name without it";
            return false;
        }

        if (Ipv4Literal.EndsInANumber(host))
        {
            return IsCanonicalIpv4(host, out error);
        }

        // RFC 1123 labels; underscores are tolerated because real inventories contain them.
        bool valid = host.Split('.').All(label =>
            label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            && !label.StartsWith('-') && !label.EndsWith('-'));
        if (!valid)
        {
            error = $"{InputExcerpt.Quote(host)} is not a valid host name or IP address";
        }

        return valid;
    }

    private static bool IsCanonicalIpv4(string host, out string error)
    {
        error = "";
        string? canonical = Ipv4Literal.Canonical(host);
        if (canonical is null)
        {
            error = $"{InputExcerpt.Quote(host)} is not a valid IPv4 address (and a host name cannot end in a number)";
            return false;
        }

        if (canonical != host)
        {
            error = $"{InputExcerpt.Quote(host)} is IPv4 in an unusual form that means {canonical}; write {canonical}";
            return false;
        }

        return true;
    }
}
