namespace SshExporter.Diagnosis;

/// <summary>The alerts found firing so far, in the order the rules were read.</summary>
internal sealed class FiringList : List<FiringAlert>
{
    public void Add(VerdictAlert alert, IEnumerable<string> evidence, int? port = null) => Add(new FiringAlert(alert, [.. evidence], port));
}
