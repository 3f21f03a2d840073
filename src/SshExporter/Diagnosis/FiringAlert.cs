namespace SshExporter.Diagnosis;

/// <summary>An alert the rules would fire for the evidence, with the facts that make it fire, for a person to check.</summary>
public sealed record FiringAlert(VerdictAlert Alert, IReadOnlyList<string> Evidence);
