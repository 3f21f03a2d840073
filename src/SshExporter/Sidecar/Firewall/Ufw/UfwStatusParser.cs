using System.Text.RegularExpressions;

namespace SshExporter.Sidecar.Firewall.Ufw;

/// <summary>
/// Parses <c>ufw status verbose</c> (or plain <c>ufw status</c>) in the C locale. Rows are split on the action
/// words rather than on columns, because ufw pads "To" to 26 characters but lets longer entries push the rest right.
/// </summary>
public static partial class UfwStatusParser
{
    public static UfwStatus Parse(string text)
    {
        bool? active = null;
        string? defaultIncoming = null;
        var rules = new List<UfwRule>();
        bool inTable = false;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line.StartsWith("Status:", StringComparison.Ordinal))
            {
                active = line["Status:".Length..].Trim() == "active";
            }
            else if (line.StartsWith("Default:", StringComparison.Ordinal))
            {
                var incoming = Incoming().Match(line);
                defaultIncoming = incoming.Success ? incoming.Groups[1].Value : null;
            }
            else if (Header().IsMatch(line))
            {
                inTable = true;
            }
            else if (inTable && line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))
            {
                var row = Row().Match(Comment().Replace(line, ""));
                if (!row.Success)
                {
                    throw new FormatException($"ufw rule not understood: {line.Trim()}");
                }

                rules.Add(new UfwRule(row.Groups["to"].Value.Trim(), Spaces().Replace(row.Groups["action"].Value, " "), row.Groups["from"].Value.Trim(), Spaces().Replace(line.Trim(), " ")));
            }
        }

        return new UfwStatus(active ?? throw new FormatException("no \"Status:\" line"), defaultIncoming, rules);
    }

    [GeneratedRegex(@"(\w+) \(incoming\)")]
    private static partial Regex Incoming();

    [GeneratedRegex(@"^To\s+Action\s+From\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?<to>.+?)\s+(?<action>(?:ALLOW|DENY|REJECT|LIMIT)(?:\s+(?:IN|OUT|FWD))?)(?:\s+\(log(?:-all)?\))?\s+(?<from>.+?)(?:\s+\(log(?:-all)?\))?$")]
    private static partial Regex Row();

    /// <summary>A rule's comment, printed after the "From" column as "# text".</summary>
    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
