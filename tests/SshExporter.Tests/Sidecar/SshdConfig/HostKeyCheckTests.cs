using System.Runtime.Versioning;
using SshExporter.Sidecar;
using SshExporter.Sidecar.SshdConfig;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>The host key check on real key files made by ssh-keygen, under a rootfs as a container sees them.</summary>
[NeedsSshd]
public class HostKeyCheckTests
{
    [Fact]
    public async Task Keys_made_by_ssh_keygen_are_present_with_the_type_from_their_public_key()
    {
        using var tree = new TempDirectory();
        Directory.CreateDirectory(tree.PathOf("etc/ssh"));
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("etc/ssh/ssh_host_ed25519_key"));
        await OpenSsh.KeyGenAsync("ecdsa", tree.PathOf("etc/ssh/custom_key"));

        var report = HostKeyCheck.CheckFiles(new HostPaths(tree.Path), ["/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/custom_key"]);

        Assert.True(report.Status.CouldRun);
        Assert.Equal(
            [
                new HostKeyStatus("ed25519", "/etc/ssh/ssh_host_ed25519_key", true, "present"),
                new HostKeyStatus("ecdsa", "/etc/ssh/custom_key", true, "present"),
            ],
            report.Keys);
        Assert.Equal("2 host keys present", report.Status.Detail);
    }

    [Fact]
    public async Task Without_a_public_key_the_type_comes_from_the_file_name()
    {
        using var tree = new TempDirectory();
        Directory.CreateDirectory(tree.PathOf("etc/ssh"));
        await OpenSsh.KeyGenAsync("ecdsa", tree.PathOf("etc/ssh/ssh_host_ecdsa_key"));
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("etc/ssh/odd_name"));
        File.Delete(tree.PathOf("etc/ssh/ssh_host_ecdsa_key.pub"));
        File.Delete(tree.PathOf("etc/ssh/odd_name.pub"));

        var report = HostKeyCheck.CheckFiles(new HostPaths(tree.Path), ["/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/odd_name"]);

        Assert.Equal(["ecdsa", "unknown"], report.Keys.Select(key => key.Type));
        Assert.All(report.Keys, key => Assert.True(key.Present));
    }

    [Fact]
    public void Missing_empty_and_directory_keys_are_absent_and_say_why()
    {
        using var tree = new TempDirectory();
        tree.Write("etc/ssh/ssh_host_ecdsa_key", "");
        Directory.CreateDirectory(tree.PathOf("etc/ssh/ssh_host_ed25519_key"));

        var report = HostKeyCheck.CheckFiles(new HostPaths(tree.Path), SshdDefaults.HostKeys);

        Assert.True(report.Status.CouldRun);
        Assert.Equal(
            [
                new HostKeyStatus("rsa", "/etc/ssh/ssh_host_rsa_key", false, "missing"),
                new HostKeyStatus("ecdsa", "/etc/ssh/ssh_host_ecdsa_key", false, "empty"),
                new HostKeyStatus("ed25519", "/etc/ssh/ssh_host_ed25519_key", false, "not a file"),
            ],
            report.Keys);
        Assert.EndsWith("(fix: ssh-keygen -A)", report.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_key_this_process_cannot_read_means_the_check_could_not_look_rather_than_a_missing_key()
    {
        Assert.SkipWhen(Environment.IsPrivilegedProcess, "root reads any file, so a mode-000 key is still readable");
        using var tree = new TempDirectory();
        Directory.CreateDirectory(tree.PathOf("etc/ssh"));
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("etc/ssh/ssh_host_ed25519_key"));
        File.SetUnixFileMode(tree.PathOf("etc/ssh/ssh_host_ed25519_key"), UnixFileMode.None);

        var report = HostKeyCheck.CheckFiles(new HostPaths(tree.Path), ["/etc/ssh/ssh_host_ed25519_key"]);

        // sshd, as root, would read it: no sshd_host_key_present 0 that would page SshHostKeysMissing.
        Assert.Empty(report.Keys);
        Assert.False(report.Status.CouldRun);
        Assert.Equal(
            "/etc/ssh/ssh_host_ed25519_key: not readable by this process; run it as root or with CAP_DAC_READ_SEARCH",
            report.Status.Detail);
    }

    [Fact]
    public async Task The_fix_hint_makes_the_default_keys_the_config_expects()
    {
        using var tree = new TempDirectory();
        tree.Write("etc/ssh/sshd_config", "# no HostKey: sshd's default set\n");
        var paths = new HostPaths(tree.Path);
        var config = SshdConfigParser.Parse(paths);
        Assert.All(HostKeyCheck.Check(paths, config).Keys, key => Assert.False(key.Present));

        await OpenSsh.KeyGenAllAsync(tree.Path);

        var report = HostKeyCheck.Check(paths, config);

        Assert.Equal(["rsa", "ecdsa", "ed25519"], report.Keys.Select(key => key.Type));
        Assert.All(report.Keys, key => Assert.True(key.Present, key.Reason));
    }

    [Fact]
    public void When_the_config_could_not_be_read_the_key_list_is_unknown()
    {
        var config = ParsedSshdConfig.Unreadable("/etc/ssh/sshd_config", "sshd_config not found: /etc/ssh/sshd_config");

        var report = HostKeyCheck.Check(new HostPaths(), config);

        Assert.False(report.Status.CouldRun);
        Assert.Empty(report.Keys);
        Assert.Equal("the HostKey files are unknown: sshd_config not found: /etc/ssh/sshd_config", report.Status.Detail);
    }

    [Theory]
    [InlineData("ssh-ed25519", "ed25519")]
    [InlineData("ssh-rsa", "rsa")]
    [InlineData("ecdsa-sha2-nistp256", "ecdsa")]
    [InlineData("ecdsa-sha2-nistp521", "ecdsa")]
    [InlineData("ssh-dss", "dsa")]
    [InlineData("sk-ssh-ed25519@openssh.com", "ed25519-sk")]
    [InlineData("ssh-ed25519-cert-v01@openssh.com", "ed25519")]
    [InlineData("no-such-algorithm", null)]
    public void Algorithm_names_map_to_short_types(string algorithm, string? type)
    {
        Assert.Equal(type, HostKeyType.FromAlgorithm(algorithm));
    }

    [Theory]
    [InlineData("ssh_host_rsa_key", "rsa")]
    [InlineData("ssh_host_ed25519_key", "ed25519")]
    [InlineData("ssh_host_key", null)]
    [InlineData("ssh_host_Weird Name_key", null)]
    [InlineData("server.key", null)]
    public void Conventional_file_names_give_the_type(string fileName, string? type)
    {
        Assert.Equal(type, HostKeyType.FromFileName(fileName));
    }
}
