namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>Port numbers and ranges as the tools write them, and the few service names they may print instead.</summary>
public static class PortSpec
{
    private static readonly Dictionary<string, int> s_services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ssh"] = 22,
        ["telnet"] = 23,
        ["smtp"] = 25,
        ["domain"] = 53,
        ["http"] = 80,
        ["www"] = 80,
        ["https"] = 443,
    };

    /// <summary>A port number or a service name from the list above.</summary>
    public static bool TryParsePort(string text, out int port)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
        {
            return port is >= 0 and <= 65535;
        }

        return s_services.TryGetValue(text, out port);
    }

    /// <summary>
    /// Whether <paramref name="port"/> is in a range written "22", "2200:2300", ":1024", "1024:" (iptables) or
    /// "2200-2300"; Maybe when the text is not understood.
    /// </summary>
    public static Truth Contains(string spec, int port)
    {
        int separator = spec.IndexOfAny([':', '-']);
        if (separator < 0)
        {
            return TryParsePort(spec, out int single) ? Truths.Of(single == port) : Truth.Maybe;
        }

        string low = spec[..separator], high = spec[(separator + 1)..];
        int from = 0, to = 65535;
        if ((low.Length > 0 && !TryParsePort(low, out from)) || (high.Length > 0 && !TryParsePort(high, out to)))
        {
            return Truth.Maybe;
        }

        return Truths.Of(port >= from && port <= to);
    }

    /// <summary>Whether <paramref name="port"/> is in a comma-separated list of ranges; Maybe when an item is not understood and none matched.</summary>
    public static Truth ListContains(string list, int port) =>
        Truths.Any(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), item => Contains(item, port));
}
