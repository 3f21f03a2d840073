namespace SshExporter.Diagnosis;

/// <summary>An alert the rules would fire for the evidence, with the facts that make it fire, for a person to check.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Evidence">The facts that make it fire.</param>
/// <param name="Port">The port it is about when that is not the target's (a port the sidecar watches, for the local sshd alone).</param>
public sealed record FiringAlert(VerdictAlert Alert, IReadOnlyList<string> Evidence, int? Port = null);
