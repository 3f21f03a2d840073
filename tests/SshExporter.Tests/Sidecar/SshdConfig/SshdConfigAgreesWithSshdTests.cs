using System.Globalization;
using SshExporter.Sidecar;
using SshExporter.Sidecar.SshdConfig;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>
/// The parser against the real thing: for configs sshd accepts, the ports, listen ports and pid file it reads
/// must be those <c>sshd -T</c> (sshd's own effective configuration) prints.
/// </summary>
[NeedsSshd]
public class SshdConfigAgreesWithSshdTests
{
    public static TheoryData<string, string> Configs => new()
    {
        { "one port", "Port 2222\n" },
        { "two ports", "Port 2222\nport=2223\n" },
        { "no port", "# nothing said\n" },
        { "listen with and without port", "Port 2222\nPort 2223\nListenAddress 127.0.0.1\nListenAddress [::1]:2300\nListenAddress 127.0.0.2:2301\n" },
        { "listen with a port and no Port", "ListenAddress 127.0.0.1:2300\n" },
        { "bare IPv6", "ListenAddress ::1\nPort 2400\n" },
        { "include glob", "Include {dir}/conf.d/*.conf\nPort 2222\n" },
        { "nested include", "Include {dir}/nested.conf\n" },
        { "match block", "Port 2222\nMatch User nobody\n  X11Forwarding no\n" },
        { "match all", "Port 2222\nMatch User nobody\n  X11Forwarding no\nMatch all\nPort 2223\n" },
        { "include ending in a match", "Include {dir}/match.conf\nPort 2500\n" },
        { "first pid file wins", "PidFile /run/one.pid\nPidFile /run/two.pid\n" },
        { "quoted, commented, case", "PORT \"2600\" # comment\nlistenADDRESS = 127.0.0.1\n" },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public async Task Ports_and_pid_file_match_sshd_T(string name, string text)
    {
        OpenSsh.Sshd();
        using var tree = new TempDirectory();
        await OpenSsh.KeyGenAsync("ed25519", tree.PathOf("host_key"));
        tree.Write("conf.d/20-b.conf", "Port 2101\n");
        tree.Write("conf.d/10-a.conf", "Port 2100\n");
        tree.Write("nested.conf", $"Include {tree.Path}/conf.d/10-a.conf\nPort 2102\n");
        tree.Write("match.conf", "Port 2103\nMatch User nobody\n  X11Forwarding no\n");
        string config = tree.Write("sshd_config", text.Replace("{dir}", tree.Path, StringComparison.Ordinal));

        var parsed = SshdConfigParser.Parse(new HostPaths(), config);
        var effective = await OpenSsh.EffectiveConfigAsync(config, tree.PathOf("host_key"));

        Assert.True(parsed.Status.CouldRun, name);
        Assert.Empty(parsed.Problems);
        Assert.Equal(Values(effective, "port").Select(int.Parse), parsed.PortDirectives);
        Assert.Equal(Values(effective, "listenaddress").Select(ListenPort).Distinct().Order(), parsed.Ports);
        Assert.Equal(Values(effective, "pidfile").Single(), parsed.PidFile);
    }

    private static IEnumerable<string> Values(IReadOnlyList<(string Keyword, string Value)> effective, string keyword) =>
        effective.Where(line => line.Keyword == keyword).Select(line => line.Value);

    /// <summary>The port of an sshd -T listenaddress value: "0.0.0.0:22", "[::1]:2300", optionally followed by " rdomain X".</summary>
    private static int ListenPort(string value)
    {
        string endpoint = value.Split(' ')[0];
        return int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
    }
}
