using System.Net;
using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Diagnosis;

/// <summary>
/// What the exporter knows about one SSH server's port: the remote view (a probe of <paramref name="Target"/>) and,
/// when the exporter runs as the sidecar on that very server, the local view (its checks). Either may be missing;
/// Prometheus joins the two by the <c>host</c> label, here the caller does by passing <paramref name="Local"/> only
/// for the server it was taken on.
/// </summary>
/// <param name="Target">The host and port the verdict is about; its host and port fill the commands.</param>
/// <param name="Remote">The probe of <paramref name="Target"/>, or null when none ran (the local sshd alone).</param>
/// <param name="Local">The sidecar's report of the server <paramref name="Target"/> names, or null when there is none.</param>
public sealed record TargetEvidence(TargetAddress Target, ProbeResult? Remote, SidecarReport? Local)
{
    /// <summary>The host name the local sshd's commands are written for: they are run on this host.</summary>
    public const string LocalHost = "localhost";

    /// <summary>
    /// A probe of <paramref name="target"/> joined with the local checks of the host they ran on when the target is
    /// this host's sshd: a loopback address (or <see cref="LocalHost"/>) on a port the sidecar watches.
    /// </summary>
    public static TargetEvidence Joined(TargetAddress target, ProbeResult? remote, SidecarReport? local) =>
        new(target, remote, local is not null && IsThisHost(target, local) ? local : null);

    /// <summary>
    /// The local sshd on its own (the landing page's sidecar row, <c>diagnose</c> without a target): the first port
    /// the sidecar watches, or sshd's default when its configuration could not be read.
    /// </summary>
    public static TargetEvidence LocalOnly(string host, SidecarReport local) =>
        new(new TargetAddress(host, local.Get<ConfigResult>() is { WatchedPorts: [int first, ..] } ? first : SshdDefaults.Port), null, local);

    private static bool IsThisHost(TargetAddress address, SidecarReport local) =>
        (address.Host == LocalHost || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
        && local.Get<ConfigResult>() is { } config && config.WatchedPorts.Contains(address.Port);
}
