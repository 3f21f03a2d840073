using System.Globalization;
using System.Net;

namespace SshExporter.Probing;

/// <summary>A validated <c>host:port</c> to probe. The port defaults to 22 when none is given.</summary>
public sealed record TargetAddress(string Host, int Port)
{
    public const int DefaultPort = 22;
    private const int MaxHostLength = 253;

    /// <summary>The canonical form used as the <c>target</c> label: <c>host:port</c>, IPv6 in brackets.</summary>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses <c>host</c>, <c>host:port</c>, <c>[v6]:port</c> or a bare IPv6 literal; error is one line.</summary>
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
            error = $"'{input}' is a URL; expected host:port";
            return false;
        }

        if (!SplitHostPort(input, out string host, out string? portText, out error))
        {
            return false;
        }

        int port = DefaultPort;
        if (portText is not null && !TryParsePort(portText, out port, out error))
        {
            return false;
        }

        if (!IsValidHost(host))
        {
            error = $"'{host}' is not a valid host name or IP address";
            return false;
        }

        target = new TargetAddress(host, port);
        error = "";
        return true;
    }

    private static bool SplitHostPort(string input, out string host, out string? port, out string error)
    {
        error = "";
        port = null;
        if (input.StartsWith('['))
        {
            int close = input.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                host = "";
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

        int colons = input.Count(c => c == ':');
        if (colons > 1)
        {
            // More than one colon without brackets is only valid as a bare IPv6 literal.
            host = input;
            return true;
        }

        int colon = input.IndexOf(':', StringComparison.Ordinal);
        host = colon < 0 ? input : input[..colon];
        port = colon < 0 ? null : input[(colon + 1)..];
        return true;
    }

    private static bool TryParsePort(string text, out int port, out string error)
    {
        error = "";
        port = 0;
        if (text.Length == 0 || text.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            error = $"port '{text}' is not a number";
            return false;
        }

        // Digits only from here: a run too long for an int is a port out of range, not "not a number".
        if (text.TrimStart('0').Length > 5
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535)
        {
            port = 0;
            error = $"port {text} is outside 1-65535";
            return false;
        }

        return true;
    }

    private static bool IsValidHost(string host)
    {
        if (host.Length is 0 or > MaxHostLength)
        {
            return false;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        // RFC 1123 labels; underscores are tolerated because real inventories contain them.
        return host.Split('.').All(label =>
            label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            && !label.StartsWith('-') && !label.EndsWith('-'));
    }
}
