namespace SshExporter.Probing.Restriction;

/// <summary>
/// One entry of <c>allowed_targets.hosts</c>: an exact name (<c>db1.example.com</c>), or <c>*.suffix</c> for every
/// name below the suffix (<c>*.example.com</c> takes <c>a.example.com</c> and <c>a.b.example.com</c>, not
/// <c>example.com</c> itself). Case does not matter; there are no other wildcards and no regular expressions.
/// </summary>
public sealed record HostPattern
{
    private const string WildcardPrefix = "*.";

    private HostPattern(string text, string name, bool wildcard)
    {
        Text = text;
        Name = name;
        Wildcard = wildcard;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>The exact name, or the suffix below which every name matches.</summary>
    public string Name { get; }

    public bool Wildcard { get; }

    public static bool TryParse(string text, out HostPattern? pattern, out string error)
    {
        pattern = null;
        error = "";
        bool wildcard = text.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        string name = wildcard ? text[WildcardPrefix.Length..] : text;
        if (text == "*")
        {
            error = "'*' alone would allow every name; leave hosts out instead";
            return false;
        }

        // The name follows the target parser's rules, so a pattern can only ever name what a target can be.
        if (name.Contains('*', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
            || !TargetAddress.TryParse(name, out var parsed, out _))
        {
            error = $"{InputExcerpt.Quote(text)} is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)";
            return false;
        }

        if (parsed!.Literal is not null)
        {
            error = $"{InputExcerpt.Quote(text)} is an address; addresses go under networks";
            return false;
        }

        pattern = new HostPattern(text, name, wildcard);
        return true;
    }

    public bool Matches(string host) => Wildcard
        ? host.Length > Name.Length + 1 && host.EndsWith(Name, StringComparison.OrdinalIgnoreCase) && host[^(Name.Length + 1)] == '.'
        : string.Equals(host, Name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Text;
}
