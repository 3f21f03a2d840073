using System.Diagnostics.CodeAnalysis;

// The binary is named as Prometheus's exporters name theirs (node_exporter, blackbox_exporter); identifiers
// inside it still follow .NET's naming rules.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The binary's Prometheus-style name, ssh_exporter.")]
