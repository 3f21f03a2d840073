using System.Text.RegularExpressions;

namespace SshExporter.Sidecar.Firewall.Iptables;

/// <summary>
/// Parses what iptables-save (and ip6tables-save, legacy or nft back end) prints: <c>*table</c> sections of
/// <c>:CHAIN POLICY [packets:bytes]</c> declarations and <c>-A CHAIN ...</c> rules, each ended by COMMIT.
/// Pure; throws <see cref="FormatException"/> naming the line for anything iptables-restore would refuse.
/// </summary>
public static partial class IptablesSaveParser
{
    private static readonly HashSet<string> s_basicOptions =
        ["-s", "--source", "--src", "-d", "--destination", "--dst", "-i", "--in-interface", "-o", "--out-interface", "-p", "--protocol", "-f", "--fragment"];

    public static IptablesRuleset Parse(string text)
    {
        var tables = new List<IptablesTable>();
        string? generator = null;
        string? table = null;
        var chains = new List<(string Name, string? Policy, List<IptablesRule> Rules)>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.Trim();
            try
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith('#'))
                {
                    var generated = GeneratedBy().Match(line);
                    if (generated.Success)
                    {
                        generator ??= generated.Groups[1].Value;
                    }

                    continue;
                }

                if (line.StartsWith('*'))
                {
                    if (table is not null)
                    {
                        throw new FormatException($"table {table} has no COMMIT before *{line[1..]}");
                    }

                    table = line[1..];
                    chains = [];
                }
                else if (line == "COMMIT")
                {
                    if (table is null)
                    {
                        throw new FormatException("COMMIT outside a table");
                    }

                    tables.Add(new IptablesTable(table, chains.Select(c => new IptablesChain(c.Name, c.Policy, c.Rules)).ToList()));
                    table = null;
                }
                else if (table is null)
                {
                    throw new FormatException("rule or chain outside a *table section");
                }
                else if (line.StartsWith(':'))
                {
                    string[] words = line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length < 2)
                    {
                        throw new FormatException("chain declaration without a policy");
                    }

                    chains.Add((words[0], words[1] == "-" ? null : words[1], []));
                }
                else
                {
                    var rule = ParseRule(line);
                    int index = chains.FindIndex(c => c.Name == rule.Chain);
                    if (index < 0)
                    {
                        throw new FormatException($"rule for undeclared chain {rule.Chain}");
                    }

                    chains[index].Rules.Add(rule);
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {number}: {e.Message}: {Shorten(line)}", e);
            }
        }

        if (table is not null)
        {
            throw new FormatException($"end of input: table {table} has no COMMIT");
        }

        return new IptablesRuleset(tables, generator);
    }

    /// <summary>Parses one <c>-A CHAIN ...</c> line (optionally preceded by <c>[packets:bytes]</c>, as iptables-save -c prints).</summary>
    public static IptablesRule ParseRule(string line)
    {
        var tokens = IptablesTokenizer.Split(line).ToList();
        if (tokens.Count > 0 && Counters().IsMatch(tokens[0].Text))
        {
            tokens.RemoveAt(0);
            line = line[(line.IndexOf(']', StringComparison.Ordinal) + 1)..].Trim();
        }

        if (tokens.Count < 2 || tokens[0].Text is not ("-A" or "--append"))
        {
            throw new FormatException("expected -A CHAIN");
        }

        string chain = tokens[1].Text;
        var basic = new List<IptablesOption>();
        var matches = new List<(string Module, List<IptablesOption> Options)>();
        (string Name, bool IsGoto)? target = null;
        var targetOptions = new List<IptablesOption>();
        int i = 2;
        while (i < tokens.Count)
        {
            bool negated = false;
            if (IsBang(tokens[i]))
            {
                negated = true;
                i++;
            }

            if (i >= tokens.Count || !IsOption(tokens[i]))
            {
                throw new FormatException($"expected an option at '{(i < tokens.Count ? tokens[i].Text : "end of line")}'");
            }

            string name = tokens[i++].Text;
            var values = new List<string>();
            while (i < tokens.Count && !IsOption(tokens[i]))
            {
                if (IsBang(tokens[i]))
                {
                    // "! --opt" belongs to the next option; "--opt ! value" is the old placement of the same thing.
                    if (i + 1 < tokens.Count && IsOption(tokens[i + 1]))
                    {
                        break;
                    }

                    negated = !negated;
                    i++;
                    continue;
                }

                values.Add(tokens[i++].Text);
            }

            if (name is "-j" or "--jump" or "-g" or "--goto")
            {
                target = (Single(name, values), name is "-g" or "--goto");
            }
            else if (target is { } t)
            {
                targetOptions.Add(new IptablesOption(t.Name, name, values, negated));
            }
            else if (name is "-m" or "--match")
            {
                matches.Add((Single(name, values), []));
            }
            else if (name is "-c" or "--set-counters")
            {
                // Counters say nothing about what the rule does.
            }
            else if (s_basicOptions.Contains(name))
            {
                basic.Add(new IptablesOption("", ShortName(name), values, negated));
            }
            else
            {
                if (matches.Count == 0)
                {
                    // "-p tcp --dport 22" without "-m tcp": iptables loads the protocol's module implicitly.
                    string protocol = basic.LastOrDefault(o => o.Name == "-p")?.Value ?? "";
                    matches.Add((protocol, []));
                }

                matches[^1].Options.Add(new IptablesOption(matches[^1].Module, name, values, negated));
            }
        }

        return new IptablesRule(
            chain,
            line,
            basic,
            matches.Select(m => new IptablesMatch(m.Module, m.Options)).ToList(),
            target is { } found ? new IptablesTarget(found.Name, found.IsGoto, targetOptions) : null);
    }

    private static bool IsBang(IptablesTokenizer.Token token) => !token.Quoted && token.Text == "!";

    /// <summary>An option word: starts with "-" and is not quoted or a negative number.</summary>
    private static bool IsOption(IptablesTokenizer.Token token) =>
        !token.Quoted && token.Text.Length > 1 && token.Text[0] == '-' && !char.IsAsciiDigit(token.Text[1]);

    private static string Single(string option, List<string> values) =>
        values.Count == 1 ? values[0] : throw new FormatException($"{option} takes one value");

    private static string ShortName(string name) => name switch
    {
        "--source" or "--src" => "-s",
        "--destination" or "--dst" => "-d",
        "--in-interface" => "-i",
        "--out-interface" => "-o",
        "--protocol" => "-p",
        "--fragment" => "-f",
        _ => name,
    };

    private static string Shorten(string line) => line.Length <= 120 ? line : line[..117] + "...";

    [GeneratedRegex(@"^#\s*Generated by (.+?)(?: on .*)?$")]
    private static partial Regex GeneratedBy();

    [GeneratedRegex(@"^\[\d+:\d+\]$")]
    private static partial Regex Counters();
}
