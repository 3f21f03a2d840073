using System.Globalization;
using System.Text.RegularExpressions;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>
/// What Debian 12's fail2ban (1.0.2, its sshd filter) makes of the lines probes leave in a real sshd's log, as
/// syslog writes them to auth.log: in modes ddos and aggressive each probe of OpenSSH 9.2 is a failure, so the
/// default maxretry of 5 bans any prober after five probes; mode normal counts none. OpenSSH 10 logs them from its
/// per-connection program sshd-session, a name that filter does not take for sshd's, so it sees none of them.
/// </summary>
[NeedsSshd]
[NeedsTool("fail2ban-regex")]
public partial class Fail2banTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Fail2banLimit = TimeSpan.FromSeconds(30);

    /// <summary>fail2ban's default maxretry: this many failures within findtime ban the source.</summary>
    private const int Probes = 5;

    [Theory]
    [InlineData("installed", "normal", 0)]
    [InlineData("installed", "ddos", Probes)]
    [InlineData("installed", "aggressive", Probes)]
    [InlineData("built", "normal", 0)]
    [InlineData("built", "ddos", 0)]
    [InlineData("built", "aggressive", 0)]
    public async Task Debian_12_fail2ban_counts_as_failures_of_probes(string openssh, string mode, int failures)
    {
        string fail2banRegex = await RequireDebian12Fail2banAsync();
        var log = await ProbedSyslogAsync(OpenSsh.Named(openssh), TestContext.Current.CancellationToken);

        Assert.Equal(failures, await FailuresAsync(fail2banRegex, log.Lines, mode, TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The control for the built sshd's zero: the same lines under the name "sshd" are failures in mode ddos, so it
    /// is the program name sshd-session alone that hides OpenSSH 10 from Debian 12's filter.
    /// </summary>
    [Fact]
    public async Task OpenSSH_10s_lines_are_hidden_from_Debian_12s_filter_by_the_name_sshd_session_alone()
    {
        string fail2banRegex = await RequireDebian12Fail2banAsync();
        var log = await ProbedSyslogAsync(OpenSsh.Built, TestContext.Current.CancellationToken);
        Assert.Equal("sshd-session", log.Program);

        string[] renamed = [.. log.Lines.Select(line => line.Replace(" sshd-session[", " sshd[", StringComparison.Ordinal))];

        Assert.Equal(Probes, await FailuresAsync(fail2banRegex, renamed, "ddos", TestContext.Current.CancellationToken));
    }

    private static async Task<string> RequireDebian12Fail2banAsync()
    {
        string fail2banRegex = Requires.Tool("fail2ban-regex");
        string version = (await ExternalCommand.RunAsync(fail2banRegex, ["--version"], Fail2banLimit, TestContext.Current.CancellationToken)).Stdout.Trim();
        // Later filters know sshd-session (fail2ban 1.1.0, Debian 13): these are the facts of Debian 12's.
        Assert.SkipUnless(version == "fail2ban-regex 1.0.2", $"states what Debian 12's fail2ban 1.0.2 does; this machine has {version}");
        return fail2banRegex;
    }

    /// <summary>
    /// The lines <see cref="Probes"/> successful probes leave in sshd's log, each as rsyslog writes it to auth.log on
    /// Debian 12: date, host, then the name and pid of the program that logged it. A probe's line comes from the process
    /// sshd runs for that connection, so its name is read from <c>/proc</c> while a connection is open.
    /// </summary>
    private static async Task<(string[] Lines, string Program)> ProbedSyslogAsync(OpenSsh openssh, CancellationToken cancellationToken)
    {
        await using var sshd = await SshdFixture.StartAsync(openssh, [], cancellationToken);
        // Once its identification has arrived, the connection's own process runs under its final name.
        using var held = await SilentClient.ConnectAsync(sshd.Port, cancellationToken);
        var (pid, program) = ChildOf(sshd.Pid);

        for (int i = 0; i < Probes; i++)
        {
            var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, cancellationToken);
            Assert.Equal(ProbeOutcome.Success, result.Outcome);
        }

        string log = "";
        await Poll.UntilAsync(
            () => Task.FromResult(SshdLogLines.ClosedByProbe().Count(log = sshd.ReadLog()) == Probes), LogLimit, cancellationToken, TimeSpan.FromMilliseconds(50));
        Assert.Equal(Probes, SshdLogLines.ClosedByProbe().Count(log));

        DateTime now = DateTime.Now;
        string stamp = string.Create(CultureInfo.InvariantCulture, $"{now:MMM} {now.Day,2} {now:HH:mm:ss}");
        string[] lines = [.. SshdLogLines.ClosedByProbe().Matches(log)
            .Select(line => string.Create(CultureInfo.InvariantCulture, $"{stamp} localhost {program}[{pid}]: {line.Value.TrimEnd('\r')}"))];
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines));
        return (lines, program);
    }

    /// <summary>The pid and name (<c>comm</c>, what journald records as _COMM) of the one child of <paramref name="parent"/>.</summary>
    private static (int Pid, string Program) ChildOf(int parent)
    {
        var children = new List<(int, string)>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            // /proc/PID/stat: "PID (comm) state ppid …"; comm may hold spaces and parentheses, so read from the last ')'.
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            int open = stat.IndexOf('(', StringComparison.Ordinal);
            int close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }

            string[] after = stat[(close + 2)..].Split(' ');
            if (int.Parse(after[1], CultureInfo.InvariantCulture) == parent)
            {
                children.Add((int.Parse(stat[..open], CultureInfo.InvariantCulture), stat[(open + 1)..close]));
            }
        }

        return Assert.Single(children);
    }

    /// <summary>How many of <paramref name="lines"/> fail2ban-regex counts as failures for the sshd filter in <paramref name="mode"/>.</summary>
    private static async Task<int> FailuresAsync(string fail2banRegex, string[] lines, string mode, CancellationToken cancellationToken)
    {
        using var directory = new TempDirectory();
        string log = directory.Write("auth.log", string.Join('\n', lines) + "\n");
        var run = await ExternalCommand.RunAsync(fail2banRegex, [log, $"sshd[mode={mode}]"], Fail2banLimit, cancellationToken);
        Assert.True(run.ExitCode == 0, run.ToString());
        Match counts = LinesSummary().Match(run.Stdout);
        Assert.True(counts.Success, run.ToString());
        Assert.Equal(lines.Length, int.Parse(counts.Groups["lines"].Value, CultureInfo.InvariantCulture));
        return int.Parse(counts.Groups["matched"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^Lines: (?<lines>\d+) lines, \d+ ignored, (?<matched>\d+) matched, \d+ missed", RegexOptions.Multiline)]
    private static partial Regex LinesSummary();
}
