using System.Globalization;
using System.Text;

namespace SshExporter;

/// <summary>
/// A client's input quoted back in an error: at most <see cref="MaxLength"/> characters, with everything but
/// printable ASCII escaped, so that an answer never echoes kilobytes of a query or a header, nor control or
/// look-alike characters.
/// </summary>
public static class InputExcerpt
{
    public const int MaxLength = 64;

    /// <summary>The excerpt in single quotes, as the error messages quote what they refuse.</summary>
    public static string Quote(string? text) => $"'{Of(text)}'";

    public static string Of(string? text)
    {
        var excerpt = new StringBuilder();
        foreach (char c in text ?? "")
        {
            string escaped = c switch
            {
                '\\' => @"\\",
                >= ' ' and <= '~' => c.ToString(),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            };
            if (excerpt.Length + escaped.Length > MaxLength)
            {
                return excerpt.Append("...").ToString();
            }

            excerpt.Append(escaped);
        }

        return excerpt.ToString();
    }
}
