namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// The arguments of one <c>ListenAddress</c> line as servconf.c reads them: <c>host</c>, <c>host:port</c>,
/// <c>[v6]</c>, <c>[v6]:port</c>, a bare IPv6 address (two or more colons, no brackets, no port), then
/// optionally <c>rdomain NAME</c>. Error texts are sshd's own.
/// </summary>
internal static class ListenAddressSyntax
{
    public static SshdListenAddress? Parse(IReadOnlyList<string> arguments, PortNumber ports, out string? error)
    {
        error = null;
        if (arguments.Count == 0 || arguments[0].Length == 0)
        {
            error = "missing address";
            return null;
        }

        string? routingDomain = null;
        if (arguments.Count > 1)
        {
            if (arguments.Count < 3 || arguments[1] != "rdomain")
            {
                error = "bad ListenAddress syntax";
                return null;
            }

            if (arguments.Count > 3)
            {
                error = "keyword ListenAddress extra arguments at end of line";
                return null;
            }

            routingDomain = arguments[2];
        }

        string text = arguments[0];
        int firstColon = text.IndexOf(':', StringComparison.Ordinal);
        if (!text.Contains('[', StringComparison.Ordinal) && firstColon >= 0 && text.IndexOf(':', firstColon + 1) >= 0)
        {
            return new SshdListenAddress(text, null, routingDomain);
        }

        // hpdelim2: the host ends after "]" when bracketed, else at the first ":" or "/"; sshd rejects "/".
        int end;
        if (text[0] == '[')
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            end = close < 0 ? -1 : close + 1;
        }
        else
        {
            int delimiter = text.IndexOfAny([':', '/']);
            end = delimiter < 0 ? text.Length : delimiter;
        }

        if (end < 0 || (end < text.Length && text[end] != ':'))
        {
            error = "bad address:port usage";
            return null;
        }

        string host = text[..end];
        if (host.Length >= 2 && host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }

        if (end == text.Length)
        {
            return new SshdListenAddress(host, null, routingDomain);
        }

        int? port = ports.Parse(text[(end + 1)..]);
        if (port is null or 0)
        {
            error = "bad port number";
            return null;
        }

        return new SshdListenAddress(host, port, routingDomain);
    }
}
