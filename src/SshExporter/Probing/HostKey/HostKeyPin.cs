namespace SshExporter.Probing.HostKey;

/// <summary>
/// A fingerprint the server's host key is expected to have, and where it was written (a target's
/// <c>host_key_fingerprints</c> entry or a known_hosts line), so the debug report can say which pin matched.
/// A revoked pin (known_hosts' <c>@revoked</c>) names a key that must never be accepted.
/// </summary>
public sealed record HostKeyPin(HostKeyFingerprint Fingerprint, string Source, bool Revoked = false);
