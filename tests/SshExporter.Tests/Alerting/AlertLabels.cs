using System.Text.Json;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>An alert's labels as Prometheus, Alertmanager and the webhook carry them; printed as its name, then the rest.</summary>
public sealed record AlertLabels(IReadOnlyDictionary<string, string> All)
{
    public string AlertName => this["alertname"] ?? "";

    /// <summary>The label's value, or null when the alert has no such label.</summary>
    public string? this[string name] => All.GetValueOrDefault(name);

    public static AlertLabels Read(JsonElement labels) => new(JsonLabels.Read(labels));

    public override string ToString() => $"{AlertName} {JsonLabels.Format(All.Where(l => l.Key != "alertname"))}";
}

/// <summary>An alert as Prometheus or Alertmanager lists it: its labels, its state, and what inhibits it (Alertmanager).</summary>
public sealed record ActiveAlert(AlertLabels Labels, string State, IReadOnlyList<string> InhibitedBy)
{
    public override string ToString() => $"{Labels} {State}{(InhibitedBy.Count > 0 ? " (inhibited)" : "")}";
}

/// <summary>One alert as a webhook notification carried it, with the receiver that sent it and when it arrived (on the environment's clock).</summary>
public sealed record DeliveredAlert(
    string Receiver, string Status, AlertLabels Labels, IReadOnlyDictionary<string, string> Annotations, TimeSpan ReceivedAt)
{
    public override string ToString() => $"{Receiver} {Status} {Labels}";
}
