namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Matches one path component against a glob(3) pattern component: <c>*</c>, <c>?</c>, <c>[a-z]</c>,
/// <c>[!x]</c>, backslash escapes. As in glob(3), a leading dot is only matched by a literal dot.
/// </summary>
internal static class GlobPattern
{
    public static bool HasWildcards(string pattern)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] is '*' or '?' or '[')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A pattern without wildcards, with its escapes removed.</summary>
    public static string Unescape(string pattern) =>
        pattern.Contains('\\', StringComparison.Ordinal) ? string.Concat(Literals(pattern)) : pattern;

    public static bool Matches(string pattern, string name)
    {
        if (name.StartsWith('.') && !(pattern.StartsWith('.') || pattern.StartsWith("\\.", StringComparison.Ordinal)))
        {
            return false;
        }

        int p = 0, n = 0, starP = -1, starN = -1;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, p, name[n]) is int next)
            {
                p = next;
                n++;
                continue;
            }

            // Let the last '*' swallow one more character and try again from there.
            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            n = ++starN;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Where the pattern continues when the element at <paramref name="p"/> matches <paramref name="c"/>; null when it does not.</summary>
    private static int? MatchOne(string pattern, int p, char c)
    {
        switch (pattern[p])
        {
            case '?':
                return p + 1;
            case '[' when Bracket(pattern, p, c) is (bool matched, int end):
                return matched ? end : null;
            case '\\' when p + 1 < pattern.Length:
                return pattern[p + 1] == c ? p + 2 : null;
            default:
                return pattern[p] == c ? p + 1 : null;
        }
    }

    /// <summary>A bracket expression starting at <paramref name="start"/>; null when it never closes (then "[" is literal).</summary>
    private static (bool Matched, int End)? Bracket(string pattern, int start, char c)
    {
        int i = start + 1;
        bool negate = i < pattern.Length && pattern[i] is '!' or '^';
        if (negate)
        {
            i++;
        }

        bool matched = false;
        bool first = true;
        while (i < pattern.Length && (first || pattern[i] != ']'))
        {
            first = false;
            char low = pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            char high = low;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                i += 2;
                high = pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            }

            matched |= c >= low && c <= high;
            i++;
        }

        return i < pattern.Length ? (matched != negate, i + 1) : null;
    }

    private static IEnumerable<char> Literals(string pattern)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            yield return pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
        }
    }
}
