namespace SshExporter.Probing.Kex;

/// <summary>
/// What <see cref="AlgorithmVerdicts"/> concluded from one KEXINIT. <see cref="WeakNames"/> holds, per category in
/// <see cref="WeakAlgorithmCategories.All"/> order, the offered names that put it there: empty when not offered.
/// </summary>
public sealed record KexVerdicts(
    bool StrictKexOffered,
    bool PostQuantumOffered,
    bool TerrapinVulnerable,
    IReadOnlyList<IReadOnlyList<string>> WeakNames)
{
    public bool Offers(WeakAlgorithmCategory category) => WeakNames[(int)category].Count > 0;
}
