using SshExporter.Sidecar;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>The fixture trees under testdata/sshd_config: each is a host's root filesystem, read through a rootfs prefix.</summary>
internal static class SshdConfigFixtures
{
    public static string Directory(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "sshd_config", name);

    public static HostPaths Root(string name) => new(Directory(name));
}
