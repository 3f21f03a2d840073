using System.Runtime.Versioning;
using SshExporter.Sidecar;
using SshExporter.Sidecar.SshdConfig;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>The parser on fixture trees under testdata/sshd_config, each read as a host rootfs.</summary>
public class SshdConfigParserTests
{
    private static ParsedSshdConfig Parse(string fixture) => SshdConfigParser.Parse(SshdConfigFixtures.Root(fixture));

    [Fact]
    public void Reads_ports_and_listen_addresses_in_every_spelling()
    {
        var config = Parse("basic");

        Assert.True(config.Status.CouldRun, config.Status.Detail);
        Assert.Empty(config.Problems);
        Assert.Equal([22, 2222], config.PortDirectives);
        Assert.Equal(
            [
                new SshdListenAddress("192.0.2.10", null),
                new SshdListenAddress("198.51.100.7", 2200),
                new SshdListenAddress("2001:db8::1", 2201),
                new SshdListenAddress("2001:db8::2", null),
                new SshdListenAddress("2001:db8::3", null),
                new SshdListenAddress("127.0.0.1", 2202),
            ],
            config.ListenAddresses);
        // Addresses without a port listen on 22 and 2222; the others add their own port.
        Assert.Equal([22, 2200, 2201, 2202, 2222], config.Ports);
    }

    [Fact]
    public void Host_keys_repeat_and_the_first_pid_file_wins()
    {
        var config = Parse("basic");

        Assert.Equal(["/etc/ssh/keys/host key with spaces", "/etc/ssh/ssh_host_ed25519_key"], config.HostKeys);
        Assert.False(config.HostKeysAreDefaults);
        Assert.Equal("/run/first.pid", config.PidFile);
    }

    [Fact]
    public void A_config_that_says_nothing_gets_sshds_defaults()
    {
        var config = Parse("defaults");

        Assert.True(config.Status.CouldRun);
        Assert.Equal([22], config.Ports);
        Assert.Equal([22], config.PortDirectives);
        Assert.Empty(config.ListenAddresses);
        Assert.Equal(["/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key"], config.HostKeys);
        Assert.True(config.HostKeysAreDefaults);
        Assert.Equal("/run/sshd.pid", config.PidFile);
    }

    [Fact]
    public void Includes_expand_in_place_sorted_relative_to_etc_ssh_and_nested()
    {
        var config = Parse("include");

        Assert.Empty(config.Problems);
        Assert.Equal(
            [
                "/etc/ssh/sshd_config",
                "/etc/ssh/sshd_config.d/10-port.conf",
                "/etc/ssh/sshd_config.d/20-nested.conf",
                "/etc/ssh/nested/deeper.conf",
                "/etc/ssh/extra/listen.conf",
            ],
            config.FilesRead);
        Assert.Equal([2022, 2023, 22], config.PortDirectives);
        Assert.Equal([new SshdListenAddress("0.0.0.0", null), new SshdListenAddress("::1", 2024)], config.ListenAddresses);
        Assert.Equal([22, 2022, 2023, 2024], config.Ports);
    }

    [Fact]
    public void After_a_Match_line_global_directives_do_not_apply_until_the_end_of_that_file()
    {
        var config = Parse("match");

        // 2223 follows an include that ends inside a Match block: that state stays in the included file.
        Assert.Equal([2222, 2223], config.PortDirectives);
        Assert.Equal([2222, 2223], config.Ports);
        Assert.True(config.HostKeysAreDefaults);
        // The file included from inside a Match block is read, but nothing in it applies.
        Assert.Contains("/etc/ssh/late.conf", config.FilesRead);
        Assert.Equal(
            [
                "/etc/ssh/sshd_config.d/10-match.conf line 2: Directive 'Port' is not allowed within a Match block",
                "/etc/ssh/sshd_config line 6: Directive 'Port' is not allowed within a Match block",
                "/etc/ssh/late.conf line 1: Directive 'Port' is not allowed within a Match block",
                "/etc/ssh/sshd_config line 10: Directive 'HostKey' is not allowed within a Match block",
            ],
            config.Problems);
        Assert.True(config.Status.CouldRun);
    }

    [Fact]
    public void Match_all_applies_again_as_it_does_in_sshd()
    {
        var config = Parse("match-all");

        Assert.Empty(config.Problems);
        Assert.Equal([2222, 2223], config.Ports);
    }

    [Fact]
    public void An_include_loop_stops_at_sshds_depth_limit()
    {
        var config = Parse("loop");

        // The main file and 16 nested copies of it, as far as sshd goes before it gives up.
        Assert.Equal(1 + SshdDefaults.MaxIncludeDepth, config.FilesRead.Count);
        Assert.Contains(config.Problems, problem => problem.Contains("Too many recursive configuration includes", StringComparison.Ordinal));
        Assert.Equal([2222], config.Ports);
        Assert.True(config.Status.CouldRun);
    }

    [Fact]
    public void An_include_loop_that_fans_out_still_reads_a_bounded_number_of_files()
    {
        var config = Parse("fanout");

        Assert.Equal(1 + SshdDefaults.MaxIncludeDepth, config.FilesRead.Count);
        Assert.Single(config.Problems);
        Assert.Equal([2001], config.Ports);
    }

    [Fact]
    public void Lines_that_cannot_be_parsed_are_reported_and_the_rest_still_counts()
    {
        var config = Parse("broken");

        Assert.True(config.Status.CouldRun);
        Assert.Equal([2222], config.Ports);
        Assert.Equal("/run/sshd.pid", config.PidFile);
        Assert.True(config.HostKeysAreDefaults);
        Assert.Equal(
            [
                "/etc/ssh/sshd_config line 1: Badly formatted port number.",
                "/etc/ssh/sshd_config line 2: keyword Port extra arguments at end of line",
                "/etc/ssh/sshd_config line 3: invalid quotes",
                "/etc/ssh/sshd_config line 4: bad address:port usage",
                "/etc/ssh/sshd_config line 5: bad address:port usage",
                "/etc/ssh/sshd_config line 6: bad port number",
                "/etc/ssh/sshd_config line 7: bad ListenAddress syntax",
                "/etc/ssh/sshd_config line 8: no argument after keyword \"PidFile\"",
                "/etc/ssh/sshd_config line 9: missing file name.",
                "/etc/ssh/sshd_config line 10: no argument after keyword \"Include\"",
                "/etc/ssh/sshd_config line 11: Badly formatted port number.",
            ],
            config.Problems);
        Assert.Equal(string.Join("; ", config.Problems), config.Status.Detail);
    }

    [Fact]
    public void Port_names_resolve_through_the_hosts_services_file()
    {
        var config = Parse("services");

        Assert.Empty(config.Problems);
        Assert.Equal([2022], config.PortDirectives);
        Assert.Equal([2024], config.Ports);
    }

    [Fact]
    public void Paths_are_the_hosts_while_files_are_read_under_the_rootfs()
    {
        var root = SshdConfigFixtures.Root("include");

        var config = SshdConfigParser.Parse(root, "/etc/ssh/sshd_config");

        Assert.StartsWith(SshdConfigFixtures.Directory("include"), root.Resolve(config.ConfigPath), StringComparison.Ordinal);
        Assert.All(config.FilesRead, file => Assert.StartsWith("/etc/ssh/", file, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_main_file_means_the_check_could_not_run()
    {
        var config = SshdConfigParser.Parse(SshdConfigFixtures.Root("defaults"), "/etc/ssh/absent_config");

        Assert.False(config.Status.CouldRun);
        Assert.StartsWith("sshd_config not found: /etc/ssh/absent_config (read as ", config.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(config.Ports);
        Assert.Empty(config.HostKeys);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void An_unreadable_main_file_means_the_check_could_not_run()
    {
        Assert.SkipWhen(Environment.IsPrivilegedProcess, "root reads any file, so a mode-000 file is still readable");
        using var tree = new TempDirectory();
        string path = tree.Write("etc/ssh/sshd_config", "Port 2222\n");
        File.SetUnixFileMode(path, UnixFileMode.None);

        var config = SshdConfigParser.Parse(new HostPaths(tree.Path));

        Assert.False(config.Status.CouldRun);
        Assert.StartsWith("cannot read sshd_config /etc/ssh/sshd_config", config.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_where_the_main_file_should_be_means_the_check_could_not_run()
    {
        using var tree = new TempDirectory();
        Directory.CreateDirectory(tree.PathOf("etc/ssh/sshd_config"));

        var config = SshdConfigParser.Parse(new HostPaths(tree.Path));

        Assert.False(config.Status.CouldRun);
        Assert.StartsWith("sshd_config is a directory", config.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_line_endings_and_a_missing_final_newline_read_the_same()
    {
        using var tree = new TempDirectory();
        tree.Write("etc/ssh/sshd_config", "Port 2222\r\nPidFile /run/crlf.pid\r\nPort 2223");

        var config = SshdConfigParser.Parse(new HostPaths(tree.Path));

        Assert.Empty(config.Problems);
        Assert.Equal([2222, 2223], config.Ports);
        Assert.Equal("/run/crlf.pid", config.PidFile);
    }

    [Fact]
    public void PidFile_none_means_no_pid_file()
    {
        using var tree = new TempDirectory();
        tree.Write("etc/ssh/sshd_config", "PidFile none\nPidFile /run/ignored.pid\n");

        Assert.Null(SshdConfigParser.Parse(new HostPaths(tree.Path)).PidFile);
    }

    [Fact]
    public void An_included_directory_reads_as_empty_and_is_reported()
    {
        using var tree = new TempDirectory();
        tree.Write("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d\nPort 2222\n");
        Directory.CreateDirectory(tree.PathOf("etc/ssh/sshd_config.d"));

        var config = SshdConfigParser.Parse(new HostPaths(tree.Path));

        Assert.Equal([2222], config.Ports);
        Assert.Equal(["/etc/ssh/sshd_config.d: is a directory, included as an empty file"], config.Problems);
    }
}
