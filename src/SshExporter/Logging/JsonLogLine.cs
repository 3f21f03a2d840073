using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SshExporter.Logging;

/// <summary>
/// A <see cref="LogRecord"/> as one JSON object on one line, with the keys of <see cref="LogfmtLine"/> in the same
/// order, as Go's slog JSON handler writes it: the time in RFC 3339 with as many fraction digits as it has,
/// numbers and booleans as JSON's own.
/// </summary>
public static class JsonLogLine
{
    // Relaxed: a target's non-ASCII name stays readable; quotes and control characters are still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(LogRecord record)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("time", record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", record.LevelName);
            json.WriteString("source", record.Source);
            json.WriteString("msg", record.Message);
            foreach (var (key, value) in record.Fields)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }

            if (record.Error is { } error)
            {
                json.WriteString("err", error);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case int or long or short or byte or uint or ushort or sbyte: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong number: json.WriteNumberValue(number); break;
            case decimal number: json.WriteNumberValue(number); break;
            // JSON has no NaN or infinity: those are written as text.
            case double number when double.IsFinite(number): json.WriteNumberValue(number); break;
            case float number when float.IsFinite(number): json.WriteNumberValue(number); break;
            default: json.WriteStringValue(LogfmtLine.Text(value)); break;
        }
    }
}
