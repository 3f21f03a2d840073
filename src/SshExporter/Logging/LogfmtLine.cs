using System.Globalization;
using System.Text;

namespace SshExporter.Logging;

/// <summary>
/// A <see cref="LogRecord"/> as one logfmt line, byte for byte as Go's slog text handler writes it (Prometheus 3's
/// default): values quoted only when they must be, and then escaped as Go's <c>strconv.Quote</c> does, so that a
/// value can never break the line or forge a key.
/// </summary>
public static class LogfmtLine
{
    public static string Format(LogRecord record)
    {
        var line = new StringBuilder(128);
        line.Append("time=").Append(record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        line.Append(" level=").Append(record.LevelName);
        Append(line, "source", record.Source);
        Append(line, "msg", record.Message);
        foreach (var (key, value) in record.Fields)
        {
            Append(line, key, Text(value));
        }

        if (record.Error is { } error)
        {
            Append(line, "err", error);
        }

        return line.ToString();
    }

    /// <summary>A value as text: numbers and times in invariant form, null as Go prints nil.</summary>
    public static string Text(object? value) => value switch
    {
        null => "<nil>",
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Append(StringBuilder line, string key, string value)
    {
        line.Append(' ');
        AppendValue(line, key);
        line.Append('=');
        AppendValue(line, value);
    }

    private static void AppendValue(StringBuilder line, string value)
    {
        if (NeedsQuoting(value))
        {
            Quote(line, value);
        }
        else
        {
            line.Append(value);
        }
    }

    /// <summary>Go's slog <c>needsQuoting</c>: empty, a space, <c>=</c>, <c>"</c>, a control character, or any non-printing or space rune.</summary>
    public static bool NeedsQuoting(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                int b = rune.Value;
                if (b != '\\' && (b is ' ' or '=' or '"' || b < 0x20 || b == 0x7F))
                {
                    return true;
                }
            }
            else if (rune == Rune.ReplacementChar || Rune.IsWhiteSpace(rune) || !IsPrint(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Go's <c>strconv.Quote</c>: the short escapes where Go has them, <c>\xNN</c> for other control bytes, <c>\uNNNN</c> for non-printing runes.</summary>
    private static void Quote(StringBuilder line, string value)
    {
        line.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\a': line.Append("\\a"); break;
                case '\b': line.Append("\\b"); break;
                case '\f': line.Append("\\f"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': line.Append("\\r"); break;
                case '\t': line.Append("\\t"); break;
                case '\v': line.Append("\\v"); break;
                case < 0x20 or 0x7F: line.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"); break;
                case < 0x80: line.Append((char)rune.Value); break;
                default:
                    if (rune.Value == ' ' || IsPrint(rune))
                    {
                        line.Append(rune.ToString());
                    }
                    else if (rune.Value <= 0xFFFF)
                    {
                        line.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        line.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    }

                    break;
            }
        }

        line.Append('"');
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation and symbols; of the spaces only U+0020.</summary>
    private static bool IsPrint(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => rune != Rune.ReplacementChar,
    };
}
