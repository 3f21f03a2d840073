using System.Text.RegularExpressions;

namespace SshExporter.WebConfig;

/// <summary>The shape of a bcrypt hash as Go's bcrypt reads it: <c>$2a$</c>, <c>$2b$</c> or <c>$2y$</c>, a cost of 4 to 31, 53 characters of salt and hash.</summary>
internal static partial class BcryptHash
{
    [GeneratedRegex(@"^\$2[aby]?\$(?<cost>[0-9]{2})\$[./A-Za-z0-9]{53}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool IsValid(string hash) =>
        Shape().Match(hash) is { Success: true } match && int.Parse(match.Groups["cost"].Value, System.Globalization.CultureInfo.InvariantCulture) is >= 4 and <= 31;
}
