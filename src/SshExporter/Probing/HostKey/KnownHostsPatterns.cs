using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// The hosts field of a known_hosts line: either one hashed name (<c>|1|salt|hash</c>, HMAC-SHA1 of the name keyed
/// with the salt, as <c>ssh-keygen -H</c> writes it) or a comma-separated list of patterns where <c>*</c> and
/// <c>?</c> are wildcards and a <c>!</c> pattern that matches excludes the line, as OpenSSH's match_hostname does.
/// </summary>
internal sealed class KnownHostsPatterns
{
    private const string HashMagic = "|1|";

    private readonly byte[]? _salt;
    private readonly byte[]? _hash;
    private readonly string[] _patterns;

    private KnownHostsPatterns(byte[]? salt, byte[]? hash, string[] patterns)
    {
        _salt = salt;
        _hash = hash;
        _patterns = patterns;
    }

    public static bool TryParse(string field, out KnownHostsPatterns? patterns, out string error)
    {
        patterns = null;
        error = "";
        if (field.StartsWith('|'))
        {
            string[] parts = field.Split('|');
            if (!field.StartsWith(HashMagic, StringComparison.Ordinal) || parts.Length != 4)
            {
                error = "a hashed host name must read |1|salt|hash";
                return false;
            }

            try
            {
                byte[] salt = Convert.FromBase64String(parts[2]);
                byte[] hash = Convert.FromBase64String(parts[3]);
                if (salt.Length != 20 || hash.Length != 20)
                {
                    error = "a hashed host name's salt and hash are 20 bytes each";
                    return false;
                }

                patterns = new KnownHostsPatterns(salt, hash, []);
                return true;
            }
            catch (FormatException)
            {
                error = "a hashed host name's salt or hash is not base64";
                return false;
            }
        }

        string[] list = field.ToLowerInvariant().Split(',');
        if (list.Any(p => p.Length == 0 || p == "!"))
        {
            error = $"empty host pattern in '{(field.Length > 60 ? field[..60] + "…" : field)}'";
            return false;
        }

        patterns = new KnownHostsPatterns(null, null, list);
        return true;
    }

    /// <summary>Whether the line names <paramref name="name"/> (lower case; <paramref name="nameBytes"/> its bytes, for a hashed name).</summary>
    public bool Matches(string name, byte[] nameBytes)
    {
        if (_salt is not null)
        {
            // The format is OpenSSH's (hostfile.c, host_hash): HMAC-SHA1 is what it hashes names with; we only compare.
#pragma warning disable CA5350
            return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(_salt, nameBytes), _hash!);
#pragma warning restore CA5350
        }

        bool matched = false;
        foreach (string pattern in _patterns)
        {
            if (pattern.StartsWith('!'))
            {
                if (Wildcard(name, pattern.AsSpan(1)))
                {
                    return false;
                }
            }
            else
            {
                matched |= Wildcard(name, pattern);
            }
        }

        return matched;
    }

    /// <summary><c>*</c> matches any run of characters, <c>?</c> any one; the rest must be equal.</summary>
    private static bool Wildcard(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        // Iterative with one backtrack point: linear-ish, no recursion a crafted pattern could deepen.
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
