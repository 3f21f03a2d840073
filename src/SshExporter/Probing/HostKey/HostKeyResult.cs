namespace SshExporter.Probing.HostKey;

/// <summary>
/// What the host key stage found. <see cref="Received"/> means a host key arrived and its signature over the
/// exchange hash verified; only then are its type and fingerprint known. <see cref="Failure"/> says, for the debug
/// report, why no key was received.
/// </summary>
public sealed record HostKeyResult
{
    public bool Received => Fingerprint is not null;

    /// <summary>The key's type as known_hosts names it (<c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c>, <c>ssh-rsa</c>…).</summary>
    public string? KeyType { get; init; }

    public HostKeyFingerprint? Fingerprint { get; init; }

    /// <summary>Why the exchange did not give a verified key; null when it did.</summary>
    public string? Failure { get; init; }

    /// <summary>The fingerprints the key should have (revoked ones included); none when the target has no pins.</summary>
    public IReadOnlyList<HostKeyPin> Pins { get; init; } = [];

    /// <summary>Whether the target has any pin the key can match (a revoked key alone is no pin to match).</summary>
    public bool HasPins => Pins.Any(pin => !pin.Revoked);

    /// <summary>The pin the received key matched, unless the key is revoked.</summary>
    public HostKeyPin? MatchedPin => Revoked is null ? Pins.FirstOrDefault(pin => !pin.Revoked && pin.Fingerprint == Fingerprint) : null;

    /// <summary>The revoked pin the received key matched: it must not be trusted whatever else matches.</summary>
    public HostKeyPin? Revoked => Fingerprint is null ? null : Pins.FirstOrDefault(pin => pin.Revoked && pin.Fingerprint == Fingerprint);

    /// <summary>The stage passed: a verified key, not revoked, and matching a pin when the target has pins.</summary>
    public bool Passed => Received && Revoked is null && (!HasPins || MatchedPin is not null);

    public static HostKeyResult Failed(string reason, IReadOnlyList<HostKeyPin> pins) => new() { Failure = reason, Pins = pins };
}
