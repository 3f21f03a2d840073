using System.Text;

namespace SshExporter.Probing;

/// <summary>
/// The human-readable steps of one probe, for <c>/probe?debug=true</c>, the <c>probe</c> command and the pages'
/// recent probes. A step costs a timestamp and a list entry; the text is laid out only when someone reads it, so that
/// every probe can keep its steps cheaply. With <c>maxLength</c>, steps past that many characters are counted, not kept.
/// </summary>
public sealed class ProbeTrace(TimeProvider time, int maxLength = int.MaxValue)
{
    private readonly long _start = time.GetTimestamp();
    private readonly List<(long At, string Message)> _steps = [];
    private readonly Lock _gate = new();
    private int _length;
    private int _dropped;

    /// <summary>
    /// Whether steps that are costly to describe (the KEXINIT's name lists) are written as they happen. The pages'
    /// recent probes keep a trace of every probe and describe those from the result only when someone looks.
    /// </summary>
    public bool Detailed { get; init; } = true;

    /// <summary>The characters of the steps kept.</summary>
    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _length;
            }
        }
    }

    public void Write(string message)
    {
        long at = time.GetTimestamp();
        lock (_gate)
        {
            Keep(at, message);
        }
    }

    /// <summary>A copy that keeps at most <paramref name="length"/> characters of steps.</summary>
    public ProbeTrace Capped(int length)
    {
        var copy = new ProbeTrace(time, length) { Detailed = Detailed };
        lock (_gate)
        {
            copy.CopyFrom(_start, _steps);
            copy._dropped += _dropped;
        }

        return copy;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var (at, message) in _steps)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{time.GetElapsedTime(_start, at).TotalMilliseconds,9:F3}ms  {message}\n");
            }

            if (_dropped > 0)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"… {_dropped} more steps not kept\n");
            }
        }

        return text.ToString();
    }

    private void CopyFrom(long start, List<(long At, string Message)> steps)
    {
        lock (_gate)
        {
            foreach (var (at, message) in steps)
            {
                // Steps keep their time from the original start.
                Keep(at - start + _start, message);
            }
        }
    }

    /// <summary>Called with the lock held.</summary>
    private void Keep(long at, string message)
    {
        if (_length + message.Length > maxLength)
        {
            _dropped++;
            return;
        }

        _length += message.Length;
        _steps.Add((at, message));
    }
}
