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
    /// <summary>
    /// The local sshd on its own (the landing page's sidecar row, <c>diagnose</c> without a target): the first port
    /// the sidecar watches, or sshd's default when its configuration could not be read.
    /// </summary>
    public static TargetEvidence LocalOnly(string host, SidecarReport local) =>
        new(new TargetAddress(host, local.Get<ConfigResult>() is { WatchedPorts: [int first, ..] } ? first : SshdDefaults.Port), null, local);
}
