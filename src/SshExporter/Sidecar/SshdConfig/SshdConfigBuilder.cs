namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Applies the directives the sidecar needs (Port, ListenAddress, HostKey, PidFile) as servconf.c does, then
/// fills in sshd's defaults. Every other keyword is left to <c>sshd -t</c>.
/// </summary>
internal sealed class SshdConfigBuilder(PortNumber portNumber)
{
    private readonly List<int> _ports = [];
    private readonly List<SshdListenAddress> _listenAddresses = [];
    private readonly List<string> _hostKeys = [];
    private string? _pidFile;

    /// <summary>Whether this builder applies <paramref name="keyword"/> (sshd allows none of these inside a Match block).</summary>
    public static bool Handles(string keyword) =>
        keyword.ToLowerInvariant() is "port" or "listenaddress" or "hostkey" or "pidfile";

    /// <summary>Applies one directive; returns sshd's complaint when the arguments are wrong, else null.</summary>
    public string? Apply(ConfigLine line)
    {
        var arguments = line.Arguments;
        switch (line.Keyword.ToLowerInvariant())
        {
            case "port":
                if (arguments.Count == 0 || arguments[0].Length == 0)
                {
                    return "missing port number.";
                }

                if (portNumber.Parse(arguments[0]) is not (int port and > 0))
                {
                    return "Badly formatted port number.";
                }

                if (ExtraArguments(line, 1) is string extra)
                {
                    return extra;
                }

                _ports.Add(port);
                return null;

            case "listenaddress":
                var address = ListenAddressSyntax.Parse(arguments, portNumber, out string? error);
                if (address is not null)
                {
                    _listenAddresses.Add(address);
                }

                return error;

            case "hostkey":
            case "pidfile":
                if (arguments.Count == 0 || arguments[0].Length == 0)
                {
                    return "missing file name.";
                }

                if (ExtraArguments(line, 1) is string tooMany)
                {
                    return tooMany;
                }

                if (line.Keyword.Equals("hostkey", StringComparison.OrdinalIgnoreCase))
                {
                    _hostKeys.Add(arguments[0]);
                }
                else
                {
                    // Single-valued: the first one sshd reads wins.
                    _pidFile ??= arguments[0];
                }

                return null;

            default:
                return null;
        }
    }

    public ParsedSshdConfig Build(string configPath, IReadOnlyList<string> filesRead, IReadOnlyList<string> problems)
    {
        IReadOnlyList<int> portDirectives = _ports.Count > 0 ? [.. _ports] : [SshdDefaults.Port];
        var listening = _listenAddresses.Count == 0
            ? portDirectives
            : _listenAddresses.SelectMany(address => address.Port is int port ? [port] : portDirectives);
        string pidFile = _pidFile ?? SshdDefaults.PidFile;
        string detail = problems.Count == 0 ? "" : string.Join("; ", problems);
        return new ParsedSshdConfig(
            configPath,
            [.. listening.Distinct().Order()],
            portDirectives,
            [.. _listenAddresses],
            _hostKeys.Count > 0 ? [.. _hostKeys] : SshdDefaults.HostKeys,
            _hostKeys.Count == 0,
            pidFile == "none" ? null : pidFile,
            filesRead,
            problems,
            CheckStatus.Ran(detail));
    }

    private static string? ExtraArguments(ConfigLine line, int expected) =>
        line.Arguments.Count > expected ? $"keyword {line.Keyword} extra arguments at end of line" : null;
}
