using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The alerting environment's one clock, monotonic from its start (the webhook stamps deliveries with it too),
/// and what happened when, for assertion messages: each phase as it ends, then each delivery.
/// </summary>
public sealed class Timeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StringBuilder _text = new();

    /// <summary>The time since the start.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Notes that <paramref name="phase"/> ended now.</summary>
    public void Mark(string phase) => Add($"{Now.TotalSeconds,6:0.0}s {phase}");

    /// <summary>Notes, indented under the phases, what happened at <paramref name="at"/>.</summary>
    public void Mark(TimeSpan at, string what) => Add($"  {at.TotalSeconds,6:0.0}s {what}");

    private void Add(string line)
    {
        lock (_text)
        {
            _text.AppendLine(CultureInfo.InvariantCulture, $"{line}");
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
