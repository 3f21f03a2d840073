using System.Net;

namespace SshExporter.Probing.Restriction;

/// <summary>
/// A module's <c>allowed_targets</c>: which targets a client may have it probe (<c>/probe</c>, the <c>probe</c>
/// command). Each list is one axis; an absent list (null) allows anything on its axis, an empty one nothing. A
/// target passes when its port is in <see cref="Ports"/>, its name matches <see cref="Hosts"/>, and the one address
/// it will dial is in <see cref="Networks"/>: when both hosts and networks are set, a name must pass both, so that a
/// listed name whose DNS points elsewhere is still refused. An IP address has no name: hosts cannot allow it, so
/// with hosts set and no networks it is refused.
/// </summary>
public sealed record AllowedTargets
{
    public IReadOnlyList<IPNetwork>? Networks { get; init; }

    public IReadOnlyList<HostPattern>? Hosts { get; init; }

    public IReadOnlyList<int>? Ports { get; init; }

    /// <summary>Before any lookup: the port, and the name (a name no pattern matches is never resolved).</summary>
    public void EnsureAllows(TargetAddress target)
    {
        if (Ports is not null && !Ports.Contains(target.Port))
        {
            throw new TargetRefusedException($"port {target.Port} is not in allowed_targets.ports");
        }

        if (Hosts is null)
        {
            return;
        }

        if (target.Literal is null && !Hosts.Any(pattern => pattern.Matches(target.Host)))
        {
            throw new TargetRefusedException("the name matches no pattern of allowed_targets.hosts");
        }

        if (target.Literal is not null && Networks is null)
        {
            throw new TargetRefusedException("an IP address is allowed only by allowed_targets.networks, and this module lists hosts alone");
        }
    }

    /// <summary>
    /// After the lookup, on the address that will be dialled. An IPv4-mapped IPv6 address counts as the IPv4 address
    /// it is. The resolved address is left out of the reason: a client learns no internal name's address from it.
    /// </summary>
    public void EnsureAllows(IPAddress dialled)
    {
        var address = dialled.IsIPv4MappedToIPv6 ? dialled.MapToIPv4() : dialled;
        if (Networks is not null && !Networks.Any(network => network.Contains(address)))
        {
            throw new TargetRefusedException("the address to dial is outside allowed_targets.networks");
        }
    }
}
