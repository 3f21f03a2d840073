using System.Globalization;
using System.Text;

namespace SshExporter.Tests.Logging;

/// <summary>
/// A strict reader of logfmt lines as Go's slog writes them: <c>key=value</c> pairs separated by one space, a value
/// either bare (no space, <c>=</c> or <c>"</c>) or Go-quoted. Anything else is an error, so a line a value broke fails.
/// </summary>
public static class LogfmtParser
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string line)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        int i = 0;
        while (i < line.Length)
        {
            if (pairs.Count > 0)
            {
                Expect(line, ref i, ' ');
            }

            string key = Token(line, ref i);
            Expect(line, ref i, '=');
            pairs.Add(new(key, Token(line, ref i)));
        }

        return pairs;
    }

    private static string Token(string line, ref int i)
    {
        if (i < line.Length && line[i] == '"')
        {
            return Quoted(line, ref i);
        }

        int start = i;
        while (i < line.Length && line[i] is not (' ' or '=' or '"'))
        {
            if (char.IsControl(line[i]))
            {
                throw new FormatException($"control character in a bare value at {i}: {line}");
            }

            i++;
        }

        if (i == start)
        {
            throw new FormatException($"empty bare token at {i}: {line}");
        }

        return line[start..i];
    }

    /// <summary>A Go-quoted string (strconv.Quote's escapes).</summary>
    private static string Quoted(string line, ref int i)
    {
        var text = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= line.Length)
            {
                throw new FormatException($"unterminated quote: {line}");
            }

            char c = line[i++];
            if (c == '"')
            {
                return text.ToString();
            }

            if (char.IsControl(c))
            {
                throw new FormatException($"raw control character in a quoted value at {i - 1}: {line}");
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            char escape = line[i++];
            switch (escape)
            {
                case '"' or '\\': text.Append(escape); break;
                case 'a': text.Append('\a'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'v': text.Append('\v'); break;
                case 'x': text.Append((char)Hex(line, ref i, 2)); break;
                case 'u': text.Append((char)Hex(line, ref i, 4)); break;
                case 'U': text.Append(char.ConvertFromUtf32(Hex(line, ref i, 8))); break;
                default: throw new FormatException($"unknown escape \\{escape}: {line}");
            }
        }
    }

    private static int Hex(string line, ref int i, int digits)
    {
        int value = int.Parse(line.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        i += digits;
        return value;
    }

    private static void Expect(string line, ref int i, char expected)
    {
        if (i >= line.Length || line[i] != expected)
        {
            throw new FormatException($"expected '{expected}' at {i}: {line}");
        }

        i++;
    }
}
