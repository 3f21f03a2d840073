using System.Text;

namespace SshExporter.Sidecar.Firewall.Iptables;

/// <summary>
/// Splits one iptables-save line into words the way iptables-restore does: whitespace separates, double quotes
/// group (iptables-save quotes comments and log prefixes), a backslash escapes the next character inside quotes.
/// </summary>
public static class IptablesTokenizer
{
    /// <summary>One word, and whether it was quoted (a quoted word is always a value, even if it starts with "-").</summary>
    public readonly record struct Token(string Text, bool Quoted);

    public static IReadOnlyList<Token> Split(string line)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        bool inWord = false, quoted = false, inQuotes = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inQuotes)
            {
                if (c == '\\' && i + 1 < line.Length && (line[i + 1] == quote || line[i + 1] == '\\'))
                {
                    current.Append(line[++i]);
                }
                else if (c == quote)
                {
                    inQuotes = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    tokens.Add(new Token(current.ToString(), quoted));
                    current.Clear();
                    inWord = quoted = false;
                }
            }
            else if (c is '"' or '\'')
            {
                inWord = quoted = inQuotes = true;
                quote = c;
            }
            else
            {
                inWord = true;
                current.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new FormatException("unterminated quote");
        }

        if (inWord)
        {
            tokens.Add(new Token(current.ToString(), quoted));
        }

        return tokens;
    }
}
