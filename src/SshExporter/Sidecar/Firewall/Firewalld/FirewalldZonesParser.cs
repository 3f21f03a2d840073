namespace SshExporter.Sidecar.Firewall.Firewalld;

/// <summary>
/// Parses <c>firewall-cmd --list-all-zones</c>: per zone a header "NAME (default, active)" and indented
/// "key: values" lines; rich rules follow "rich rules:" one per tab-indented line. The same block format is what
/// <c>--list-all</c> prints for one zone.
/// </summary>
public static class FirewalldZonesParser
{
    public static IReadOnlyList<FirewalldZone> Parse(string text)
    {
        var zones = new List<FirewalldZone>();
        Builder? current = null;
        bool inRichRules = false;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                if (current is not null)
                {
                    zones.Add(current.Build());
                }

                current = Header(line.Trim());
                inRichRules = false;
                continue;
            }

            if (current is null)
            {
                throw new FormatException($"zone setting before any zone: {line.Trim()}");
            }

            string trimmed = line.Trim();
            if (line.StartsWith('\t'))
            {
                // Continuation lines: the rich rules, or further forward-ports (not needed here).
                if (inRichRules)
                {
                    current.RichRules.Add(trimmed);
                }

                continue;
            }

            int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"zone setting not understood: {trimmed}");
            }

            string key = trimmed[..colon];
            string[] values = trimmed[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            inRichRules = key == "rich rules";
            switch (key)
            {
                case "target":
                    current.Target = values.FirstOrDefault() ?? "default";
                    break;
                case "interfaces":
                    current.Interfaces.AddRange(values);
                    break;
                case "sources":
                    current.Sources.AddRange(values);
                    break;
                case "services":
                    current.Services.AddRange(values);
                    break;
                case "ports":
                    current.Ports.AddRange(values);
                    break;
                default:
                    break;
            }
        }

        if (current is not null)
        {
            zones.Add(current.Build());
        }

        return zones;
    }

    private static Builder Header(string line)
    {
        int paren = line.IndexOf(" (", StringComparison.Ordinal);
        string name = paren < 0 ? line : line[..paren];
        string[] attributes = paren < 0 ? [] : line[(paren + 2)..].TrimEnd(')').Split(',', StringSplitOptions.TrimEntries);
        if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
        {
            throw new FormatException($"zone header not understood: {line}");
        }

        return new Builder(name, attributes.Contains("default"), attributes.Contains("active"));
    }

    private sealed class Builder(string name, bool isDefault, bool isActive)
    {
        public string Target { get; set; } = "default";

        public List<string> Interfaces { get; } = [];

        public List<string> Sources { get; } = [];

        public List<string> Services { get; } = [];

        public List<string> Ports { get; } = [];

        public List<string> RichRules { get; } = [];

        public FirewalldZone Build() => new(
            name,
            isDefault,
            isActive || Interfaces.Count > 0 || Sources.Count > 0,
            Target,
            Interfaces,
            Sources,
            Services,
            Ports,
            RichRules);
    }
}
