using System.Diagnostics;
using System.Runtime.Versioning;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Commands;
using SshExporter.Sidecar.SshdConfig;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>The validity check runs the real <c>sshd -t</c> on configs written by the test.</summary>
[NeedsSshd]
public class SshdConfigValidatorTests
{
    private static SshdConfigValidator Validator(string? sshd = null, TimeSpan? timeout = null) =>
        new(new ProcessCommandRunner(TimeProvider.System, timeout ?? ProcessCommandRunner.DefaultTimeout), sshd ?? OpenSsh.Sshd());

    private static Task<SshdConfigValidity> ValidateAsync(SshdConfigValidator validator, string config) =>
        validator.ValidateAsync(new HostPaths(), config, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_valid_config_with_its_host_key_is_valid()
    {
        var validator = Validator();
        using var tree = new TempDirectory();
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("host_key"));
        string config = tree.Write("sshd_config", $"Port 2222\nHostKey {tree.PathOf("host_key")}\n");

        var validity = await ValidateAsync(validator, config);

        Assert.True(validity.Status.CouldRun, validity.Status.Detail);
        Assert.True(validity.Valid, validity.FirstErrorLine);
        Assert.Null(validity.FirstErrorLine);
    }

    [Theory]
    [InlineData("Port abc", "line 2: Badly formatted port number.")]
    [InlineData("NoSuchKeyword yes", "line 2: Bad configuration option: NoSuchKeyword")]
    [InlineData("Port 22\nMatch User bob\nPort 2222", "line 4: Directive 'Port' is not allowed within a Match block")]
    public async Task A_config_with_an_error_is_invalid_with_sshds_first_line(string body, string expectedEnd)
    {
        var validator = Validator();
        using var tree = new TempDirectory();
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("host_key"));
        string config = tree.Write("sshd_config", $"HostKey {tree.PathOf("host_key")}\n{body}\n");

        var validity = await ValidateAsync(validator, config);

        Assert.True(validity.Status.CouldRun, validity.Status.Detail);
        Assert.False(validity.Valid);
        Assert.StartsWith(config, validity.FirstErrorLine, StringComparison.Ordinal);
        Assert.EndsWith(expectedEnd, validity.FirstErrorLine, StringComparison.Ordinal);
        Assert.Equal(validity.FirstErrorLine, validity.Status.Detail);
    }

    [Fact]
    public async Task A_config_whose_only_host_key_is_missing_is_invalid()
    {
        var validator = Validator();
        using var tree = new TempDirectory();
        string config = tree.Write("sshd_config", $"HostKey {tree.PathOf("absent_key")}\n");

        var validity = await ValidateAsync(validator, config);

        Assert.False(validity.Valid);
        Assert.Equal($"Unable to load host key: {tree.PathOf("absent_key")}", validity.FirstErrorLine);
        // Without root sshd cannot load even a key that exists, so it cannot tell missing from unreadable.
        Assert.Equal(Environment.IsPrivilegedProcess, validity.Status.CouldRun);
    }

    [Fact]
    public async Task One_missing_host_key_among_others_is_valid_and_sshds_warning_is_kept()
    {
        var validator = Validator();
        using var tree = new TempDirectory();
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("host_key"));
        string config = tree.Write("sshd_config", $"HostKey {tree.PathOf("absent_key")}\nHostKey {tree.PathOf("host_key")}\n");

        var validity = await ValidateAsync(validator, config);

        Assert.True(validity.Valid);
        Assert.Contains("Unable to load host key", validity.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_is_read_under_the_rootfs()
    {
        var validator = Validator();
        using var tree = new TempDirectory();
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("host_key"));
        tree.Write("etc/ssh/sshd_config", $"HostKey {tree.PathOf("host_key")}\nPort abc\n");

        var validity = await validator.ValidateAsync(new HostPaths(tree.Path), "/etc/ssh/sshd_config", TestContext.Current.CancellationToken);

        Assert.False(validity.Valid);
        Assert.StartsWith(tree.PathOf("etc/ssh/sshd_config") + " line 2:", validity.FirstErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_sshd_binary_means_the_check_could_not_run()
    {
        using var tree = new TempDirectory();
        string config = tree.Write("sshd_config", "Port 22\n");
        string absent = tree.PathOf("no/such/sshd");

        var validity = await ValidateAsync(Validator(absent), config);

        Assert.False(validity.Status.CouldRun);
        Assert.Equal($"sshd binary not found: {absent}", validity.Status.Detail);
    }

    [Fact]
    public async Task An_sshd_that_cannot_be_started_means_the_check_could_not_run()
    {
        using var tree = new TempDirectory();
        string config = tree.Write("sshd_config", "Port 22\n");
        // Without any execute bit not even root may run it.
        string notExecutable = tree.Write("sshd", "#!/bin/sh\nexit 0\n");

        var validity = await ValidateAsync(Validator(notExecutable), config);

        Assert.False(validity.Status.CouldRun);
        Assert.StartsWith($"cannot run {notExecutable}: ", validity.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_means_the_check_could_not_run()
    {
        var validator = Validator();
        using var tree = new TempDirectory();

        var validity = await ValidateAsync(validator, tree.PathOf("absent_config"));

        Assert.False(validity.Status.CouldRun);
        Assert.StartsWith("sshd_config not found: ", validity.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_missing_privilege_separation_directory_means_the_check_could_not_run()
    {
        string sshd = OpenSsh.Sshd();
        string unshare = Requires.Tool("unshare");
        Assert.SkipUnless(await OpenSsh.CanUnshareMountsAsync(), "needs root and a private mount namespace (unshare -m) to hide /run/sshd; CI runs as root");
        using var tree = new TempDirectory();
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("host_key"));
        string config = tree.Write("sshd_config", $"HostKey {tree.PathOf("host_key")}\n");
        // The real sshd, in a mount namespace where /run is empty, as after systemd stopped the service.
        string wrapper = tree.WriteExecutable("sshd-without-run", $"#!/bin/sh\nexec {unshare} -m sh -c 'mount -t tmpfs tmpfs /run && exec \"$0\" \"$@\"' {sshd} \"$@\"\n");

        var validity = await ValidateAsync(Validator(wrapper), config);

        Assert.False(validity.Status.CouldRun);
        Assert.Equal("Missing privilege separation directory: /run/sshd", validity.FirstErrorLine);
        Assert.Contains(validity.FirstErrorLine!, validity.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task An_sshd_that_hangs_is_stopped_at_the_timeout_and_could_not_run()
    {
        using var tree = new TempDirectory();
        string config = tree.Write("sshd_config", "Port 22\n");
        string pidFile = tree.PathOf("pid");
        string hanging = tree.WriteExecutable("sshd", $"#!/bin/sh\necho $$ > {pidFile}\nexec sleep 60\n");
        var clock = Stopwatch.StartNew();

        var validity = await ValidateAsync(Validator(hanging, TimeSpan.FromMilliseconds(500)), config);

        Assert.False(validity.Status.CouldRun);
        Assert.Equal($"{hanging} -t did not finish in time (killed after 0.5s)", validity.Status.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        int pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), "the hung process was left running");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Flooding_output_is_bounded_and_the_first_line_kept()
    {
        using var tree = new TempDirectory();
        string config = tree.Write("sshd_config", "Port 22\n");
        string noisy = tree.WriteExecutable("sshd", "#!/bin/sh\necho >&2\necho 'first complaint' >&2\nhead -c 4000000 /dev/zero | tr '\\0' x >&2\nexit 255\n");

        var validity = await ValidateAsync(Validator(noisy), config);

        Assert.True(validity.Status.CouldRun);
        Assert.False(validity.Valid);
        Assert.Equal("first complaint", validity.FirstErrorLine);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_callers_cancellation_stops_the_run()
    {
        using var tree = new TempDirectory();
        string config = tree.Write("sshd_config", "Port 22\n");
        string hanging = tree.WriteExecutable("sshd", "#!/bin/sh\nexec sleep 60\n");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Validator(hanging, TimeSpan.FromSeconds(30)).ValidateAsync(new HostPaths(), config, cancel.Token));
    }
}
