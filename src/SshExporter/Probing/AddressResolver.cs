using System.Net;
using System.Net.Sockets;

namespace SshExporter.Probing;

/// <summary>Turns a host into the one address to dial, honouring the module's preferred IP family.</summary>
public static class AddressResolver
{
    /// <summary>Returns null when the name does not resolve to a usable address.</summary>
    public static async Task<IPAddress?> ResolveAsync(string host, ModuleSettings module, ProbeTrace? trace, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        trace?.Write($"Resolving {host}");
        IPAddress[] addresses;
        try
        {
            // WaitAsync: the lookup must not outlive the probe even where the resolver ignores cancellation.
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(cancellationToken);
        }
        catch (SocketException e)
        {
            trace?.Write($"Resolution failed: {e.SocketErrorCode}");
            return null;
        }

        var chosen = Choose(addresses, module.PreferredIpProtocol, module.IpProtocolFallback);
        trace?.Write(chosen is null
            ? $"No {module.PreferredIpProtocol} address among {addresses.Length} resolved"
            : $"Resolved to {chosen} ({addresses.Length} addresses)");
        return chosen;
    }

    public static IPAddress? Choose(IReadOnlyList<IPAddress> addresses, IpProtocol preferred, bool fallback)
    {
        var family = preferred == IpProtocol.Ip6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        return addresses.FirstOrDefault(a => a.AddressFamily == family)
            ?? (fallback ? addresses.FirstOrDefault(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) : null);
    }
}
