using System.Diagnostics.CodeAnalysis;
using SshExporter.Probing.Wire;

namespace SshExporter.Probing.Kex;

/// <summary>What the KEXINIT stage of a probe found: the server's offer and the verdicts on it, or nothing.</summary>
public sealed record KexInitObservation(KexInit? Offer, KexVerdicts? Verdicts)
{
    /// <summary>The stage ran, but no KEXINIT arrived or what arrived did not parse.</summary>
    public static KexInitObservation NotReceived { get; } = new(null, null);

    [MemberNotNullWhen(true, nameof(Offer), nameof(Verdicts))]
    public bool Received => Offer is not null && Verdicts is not null;

    public static KexInitObservation Of(KexInit offer) => new(offer, AlgorithmVerdicts.Judge(offer));
}
