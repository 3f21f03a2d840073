using System.Text;

namespace SshExporter.Probing;

/// <summary>
/// The human-readable steps of one probe, for <c>/probe?debug=true</c> and the <c>probe</c> command.
/// A probe that nobody reads gets no trace (null), so the hot path pays nothing for it.
/// </summary>
public sealed class ProbeTrace(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public void Write(string message)
    {
        TimeSpan at = time.GetElapsedTime(_start);
        lock (_gate)
        {
            _text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{at.TotalMilliseconds,9:F3}ms  {message}\n");
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
