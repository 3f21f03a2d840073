using System.Buffers;
using System.Globalization;
using System.Text;
using Prometheus;

namespace SshExporter.Metrics;

/// <summary>
/// Writes gauge families as UTF-8 straight into a buffer, byte for byte as prometheus-net 8's serialiser writes them
/// (its <c>TextSerializer</c>, <c>LabelSequence</c> and <c>Collector</c>): target labels first, then the family's own;
/// label values escaped for backslash, quote and newline only; values in .NET's shortest "g" form, which OpenMetrics
/// spells 0.0, 1.0, +Inf, NaN and gives a ".0" when there is no '.' or 'e' in it. Nothing is allocated per line.
/// </summary>
internal sealed class SeriesLineWriter(IBufferWriter<byte> output, ExpositionFormat format, IReadOnlyList<string> targetLabelNames)
{
    /// <summary>The bytes a formatted double takes at most ("-1.7976931348623157E+308" and a ".0").</summary>
    private const int MaxValueLength = 32;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\\\"\n");

    private readonly bool _openMetrics = format == ExpositionFormat.OpenMetricsText;
    private ProbeFamily? _family;
    private string[] _targetLabelValues = [];

    /// <summary>The family's HELP and TYPE lines; the lines after it belong to it.</summary>
    public void Declare(ProbeFamily family)
    {
        _family = family;
        var span = output.GetSpan(32 + 2 * Utf8.GetMaxByteCount(family.Name.Length) + Utf8.GetMaxByteCount(family.Help.Length));
        int at = 0;
        Append(span, ref at, "# HELP "u8);
        at += Utf8.GetBytes(family.Name, span[at..]);
        Append(span, ref at, " "u8);
        // prometheus-net leaves out help that is only white space (the space before it stays).
        if (!string.IsNullOrWhiteSpace(family.Help))
        {
            at += Utf8.GetBytes(family.Help, span[at..]);
        }

        Append(span, ref at, "\n# TYPE "u8);
        at += Utf8.GetBytes(family.Name, span[at..]);
        Append(span, ref at, " gauge\n"u8);
        output.Advance(at);
    }

    /// <summary>The target whose lines follow, by the values of its target labels.</summary>
    public void Target(string[] targetLabelValues) => _targetLabelValues = targetLabelValues;

    public void Write(double value) => Write([], value);

    public void Write(string ownLabelValue, double value) => Write([ownLabelValue], value);

    /// <summary>One line of the declared family for the current target, with the family's own label values in their order.</summary>
    public void Write(ReadOnlySpan<string> ownLabelValues, double value)
    {
        var family = _family ?? throw new InvalidOperationException("no family declared");
        var ownLabelNames = family.OwnLabelNames;
        int labels = targetLabelNames.Count + ownLabelNames.Length;
        int length = Utf8.GetMaxByteCount(family.Name.Length) + MaxValueLength + 4;
        for (int i = 0; i < labels; i++)
        {
            var (name, labelValue) = Label(i, ownLabelValues);
            length += Utf8.GetMaxByteCount(name.Length) + Utf8.GetMaxByteCount(labelValue.Length) + 4;
        }

        var span = output.GetSpan(length);
        int at = Utf8.GetBytes(family.Name, span);
        if (labels > 0)
        {
            Append(span, ref at, "{"u8);
            for (int i = 0; i < labels; i++)
            {
                var (name, labelValue) = Label(i, ownLabelValues);
                if (i > 0)
                {
                    Append(span, ref at, ","u8);
                }

                at += Utf8.GetBytes(name, span[at..]);
                Append(span, ref at, "=\""u8);
                at += WriteEscaped(labelValue, span[at..]);
                Append(span, ref at, "\""u8);
            }

            Append(span, ref at, "}"u8);
        }

        Append(span, ref at, " "u8);
        at += WriteValue(value, span[at..]);
        Append(span, ref at, "\n"u8);
        output.Advance(at);
    }

    private (string Name, string Value) Label(int i, ReadOnlySpan<string> ownLabelValues)
    {
        int targetLabels = targetLabelNames.Count;
        return i < targetLabels
            ? (targetLabelNames[i], _targetLabelValues[i])
            : (_family!.OwnLabelNames[i - targetLabels], ownLabelValues[i - targetLabels]);
    }

    /// <summary>Backslash, quote and newline escaped; an escaped character is ASCII, so it never needs more room than UTF-8 gives it.</summary>
    private static int WriteEscaped(string value, Span<byte> to)
    {
        var rest = value.AsSpan();
        int at = 0;
        int next;
        while ((next = rest.IndexOfAny(Escaped)) >= 0)
        {
            at += Utf8.GetBytes(rest[..next], to[at..]);
            to[at++] = (byte)'\\';
            to[at++] = rest[next] == '\n' ? (byte)'n' : (byte)rest[next];
            rest = rest[(next + 1)..];
        }

        return at + Utf8.GetBytes(rest, to[at..]);
    }

    private int WriteValue(double value, Span<byte> to)
    {
        if (_openMetrics)
        {
            ReadOnlySpan<byte> canonical = value switch
            {
                0 => "0.0"u8,
                1 => "1.0"u8,
                -1 => "-1.0"u8,
                double.PositiveInfinity => "+Inf"u8,
                double.NegativeInfinity => "-Inf"u8,
                double.NaN => "NaN"u8,
                _ => [],
            };
            if (!canonical.IsEmpty)
            {
                canonical.CopyTo(to);
                return canonical.Length;
            }
        }

        if (!value.TryFormat(to, out int written, "g", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"cannot format {value}");
        }

        // "g" writes its exponent with a lower-case 'e' (4e-07), so only whole numbers get the ".0".
        if (_openMetrics && to[..written].IndexOfAny((byte)'.', (byte)'e') < 0)
        {
            ".0"u8.CopyTo(to[written..]);
            written += 2;
        }

        return written;
    }

    private static void Append(Span<byte> span, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[at..]);
        at += bytes.Length;
    }
}
