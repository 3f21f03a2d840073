using System.Net.Sockets;

namespace SshExporter.Probing.Sockets;

/// <summary>
/// Why a probe could not be made from this side: the exporter's own lack, never the target's outcome. Each value
/// is a label value of <c>ssh_exporter_probe_local_failures_total</c>.
/// </summary>
public enum LocalFailure
{
    /// <summary>No probe socket came free (<c>--probe.max-sockets</c>) within the probe's deadline.</summary>
    SocketLimit,

    /// <summary>EMFILE or ENFILE when the socket was created: the process or the system is out of descriptors.</summary>
    OutOfDescriptors,

    /// <summary>EADDRNOTAVAIL on connect: no ephemeral port (or source address) is left to connect from.</summary>
    OutOfPorts,

    /// <summary>EPERM or EACCES on connect: a firewall rule on this host (OUTPUT) refused the packet before it left.</summary>
    BlockedLocally,
}

public static class LocalFailures
{
    public static IReadOnlyList<LocalFailure> All { get; } = Enum.GetValues<LocalFailure>();

    private static readonly string[] Labels = ["socket_limit", "out_of_descriptors", "out_of_ports", "blocked_locally"];

    private static readonly string[] Reasons =
    [
        "no probe socket came free within the probe's deadline (--probe.max-sockets)",
        "the exporter is out of file descriptors",
        "the exporter has no ephemeral port left to connect from",
        "a security policy on the exporter's own host refused the connection before it left",
    ];

    public static string ToLabel(this LocalFailure failure) => Labels[(int)failure];

    /// <summary>One line for a person: what went wrong on the exporter's side.</summary>
    public static string Describe(this LocalFailure failure) => Reasons[(int)failure];

    /// <summary>The local failure that <paramref name="error"/> on creating a socket means; null when it is none of them.</summary>
    public static LocalFailure? FromSocketCreation(SocketError error) =>
        error == SocketError.TooManyOpenSockets ? LocalFailure.OutOfDescriptors : null;

    /// <summary>The local failure that <paramref name="error"/> on connect means; null when it is the target's outcome.</summary>
    public static LocalFailure? FromConnect(SocketError error) => error switch
    {
        SocketError.TooManyOpenSockets => LocalFailure.OutOfDescriptors,
        SocketError.AddressNotAvailable => LocalFailure.OutOfPorts,
        SocketError.AccessDenied => LocalFailure.BlockedLocally,
        _ => null,
    };
}
