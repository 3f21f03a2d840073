namespace SshExporter.Sidecar.Firewall.Firewalld;

/// <summary>
/// One zone as <c>firewall-cmd --list-all-zones</c> (or <c>--list-all</c>) prints it. A zone is active when
/// interfaces or sources are bound to it; the default zone takes every interface bound to none.
/// </summary>
public sealed record FirewalldZone(
    string Name,
    bool IsDefault,
    bool IsActive,
    string Target,
    IReadOnlyList<string> Interfaces,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Ports,
    IReadOnlyList<string> RichRules);
