namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Splits one sshd_config line the way OpenSSH's servconf.c does: the keyword by <c>strdelim</c> (so
/// <c>Keyword=value</c> and <c>Keyword = value</c> work), the rest by <c>argv_split</c> (double or single
/// quotes, backslash escapes, a <c>#</c> at the start of an argument ends the line).
/// </summary>
internal static class ConfigLineSplitter
{
    private static readonly char[] KeywordDelimiters = [' ', '\t', '\r', '\n', '"', '='];

    /// <summary>
    /// The directive on <paramref name="line"/>, or null for a blank or comment line. <paramref name="error"/> is
    /// set, in sshd's words, when sshd would reject the line.
    /// </summary>
    public static ConfigLine? Split(string line, out string? error)
    {
        error = null;
        string text = line.TrimEnd(' ', '\t', '\r', '\n', '\f');
        int position = 0;
        string? keyword = NextKeywordToken(text, ref position);
        if (keyword == "")
        {
            keyword = NextKeywordToken(text, ref position);
        }

        // sshd ignores a line whose keyword has an unclosed quote, as it does comments.
        if (string.IsNullOrEmpty(keyword) || keyword[0] == '#')
        {
            return null;
        }

        if (position >= text.Length)
        {
            error = $"no argument after keyword \"{keyword}\"";
            return null;
        }

        var arguments = SplitArguments(text.AsSpan(position));
        if (arguments is null)
        {
            error = "invalid quotes";
            return null;
        }

        return new ConfigLine(keyword, arguments);
    }

    /// <summary>OpenSSH's <c>strdelim</c>: one token, then at most one <c>=</c> and the whitespace around it.</summary>
    private static string? NextKeywordToken(string text, ref int position)
    {
        if (position >= text.Length)
        {
            return position == text.Length ? "" : null;
        }

        int start = position;
        int stop = text.IndexOfAny(KeywordDelimiters, start);
        if (stop < 0)
        {
            position = text.Length + 1;
            return text[start..];
        }

        if (text[stop] == '"')
        {
            int close = text.IndexOf('"', stop + 1);
            if (close < 0)
            {
                return null;
            }

            position = SkipWhitespace(text, close + 1);
            return string.Concat(text.AsSpan(start, stop - start), text.AsSpan(stop + 1, close - stop - 1));
        }

        bool sawEquals = text[stop] == '=';
        position = SkipWhitespace(text, stop + 1);
        if (!sawEquals && position < text.Length && text[position] == '=')
        {
            position = SkipWhitespace(text, position + 1);
        }

        return text[start..stop];
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }

        return position;
    }

    /// <summary>OpenSSH's <c>argv_split</c> with comments ending the line; null when a quote is left open.</summary>
    private static List<string>? SplitArguments(ReadOnlySpan<char> text)
    {
        var arguments = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] is ' ' or '\t')
            {
                i++;
                continue;
            }

            if (text[i] == '#')
            {
                break;
            }

            var argument = new System.Text.StringBuilder();
            char quote = '\0';
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\' && i + 1 < text.Length && (text[i + 1] is '\'' or '"' or '\\' || (quote == '\0' && text[i + 1] == ' ')))
                {
                    argument.Append(text[++i]);
                }
                else if (quote == '\0' && c is ' ' or '\t')
                {
                    break;
                }
                else if (quote == '\0' && c is '"' or '\'')
                {
                    quote = c;
                }
                else if (quote != '\0' && c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    argument.Append(c);
                }
            }

            if (quote != '\0')
            {
                return null;
            }

            arguments.Add(argument.ToString());
        }

        return arguments;
    }
}
