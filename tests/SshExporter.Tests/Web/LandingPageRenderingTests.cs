using System.Net;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

/// <summary>
/// What <c>/</c>, <c>/target</c> and the log pages say in each state, as HTML: a table of what happened before the
/// page view and what the page must and must not contain. PORT stands for a closed port of the test's.
/// </summary>
public class LandingPageRenderingTests
{
    private static readonly string Refused = RunbookLinks.Default.Url("SshConnectionRefused");

    public static TheoryData<string, string, string[], string[]> Pages => new()
    {
        {
            "not probed yet", "/",
            ["""<section class="verdict unknown"><h3><span class="state">Not probed yet</span> 127.0.0.1:PORT</h3>""", "<p>No probe yet.</p>",
                """<a href="./?refresh=on">Reload this page every 15 s</a>"""],
            ["probe-log?id=", "http-equiv=\"refresh\""]
        },
        {
            "scraped", "/metrics /",
            ["""<section class="verdict critical"><h3><span class="state">Critical</span> 127.0.0.1:PORT</h3>""",
                $"""<a class="runbook" href="{Refused}">Runbook: SshConnectionRefused</a>""",
                """<strong class="fail">Failure</strong> (refused)""", """<a href="probe-log?id=1">Its log</a>""",
                """<a href="target?address=127.0.0.1%3APORT&amp;module=quick">127.0.0.1:PORT</a>""",
                "<pre><code>ssh -vvv -p PORT user@127.0.0.1"],
            ["Not probed yet"]
        },
        {
            "a /probe of a configured target", "/probe?target=127.0.0.1:PORT&module=quick /",
            ["""<span class="state">Critical</span> 127.0.0.1:PORT""", """<a href="probe-log?id=1">log #1</a>"""],
            ["Not probed yet"]
        },
        {
            "reloading, once asked to", "/?refresh=on",
            ["""<meta http-equiv="refresh" content="15">""", """<a href="./">Stop reloading</a>"""],
            ["Reload this page every"]
        },
        {
            "labels encoded", "/",
            ["<td>127.0.0.1:PORT</td><td>quick</td><td>env=&lt;b&gt;&amp;</td>"],
            ["<b>&"]
        },
        {
            "the target's page", "/metrics /target?address=127.0.0.1:PORT",
            ["<h1>127.0.0.1:PORT</h1>", """<span class="state">Critical</span> 127.0.0.1:PORT""", "<h2>Recent probes of 127.0.0.1:PORT</h2>",
                """<a href="probe-log?id=1">log #1</a>""", """<a href="target?address=127.0.0.1%3APORT&amp;refresh=on">Reload this page every 15 s</a>"""],
            ["http-equiv=\"refresh\""]
        },
        {
            "a probe's log", "/metrics /probe-log?id=1",
            ["<h1>Probe #1: 127.0.0.1:PORT</h1>", "outcome refused (failure)", "Connecting to 127.0.0.1:PORT", $"""<a href="{Refused}">"""],
            ["http-equiv=\"refresh\""]
        },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_says(string state, string requests, string[] present, string[] absent)
    {
        _ = state;
        int port = ClosedPort.Find();
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig($$"""
            modules: {quick: {timeout: 2s} }
            targets: [{address: "127.0.0.1:{{port}}", module: quick, labels: {env: "<b>&"} }]
            """));

        string html = "";
        foreach (string path in requests.Split(' '))
        {
            html = await exporter.GetTextAsync(path.Replace("PORT", $"{port}", StringComparison.Ordinal));
        }

        Assert.All(present, fragment => Assert.Contains(fragment.Replace("PORT", $"{port}", StringComparison.Ordinal), html, StringComparison.Ordinal));
        Assert.All(absent, fragment => Assert.DoesNotContain(fragment, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_healthy_targets_are_folded_away_below_the_ones_at_fault()
    {
        var peers = Enumerable.Range(0, 13).Select(_ => ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n")).ToList();
        try
        {
            int closed = ClosedPort.Find();
            string targets = string.Join(", ", peers.Select(peer => $"{{address: \"{peer.Target}\"}}").Append($"{{address: \"127.0.0.1:{closed}\"}}"));
            await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig($"targets: [{targets}]\n"));
            await exporter.GetTextAsync("/metrics");

            string html = await exporter.GetTextAsync("/");

            int critical = html.IndexOf($"<span class=\"state\">Critical</span> 127.0.0.1:{closed}</h3>", StringComparison.Ordinal);
            int folded = html.IndexOf("<details><summary>13 healthy targets</summary>", StringComparison.Ordinal);
            int healthy = html.IndexOf("<span class=\"state\">Healthy</span>", StringComparison.Ordinal);
            Assert.True(critical >= 0 && critical < folded && folded < healthy, $"critical at {critical}, fold at {folded}, first healthy at {healthy}");
        }
        finally
        {
            await Cleanup.DisposeAllAsync(peers);
        }
    }

    [Theory]
    [InlineData("/probe-log?id=1", HttpStatusCode.NotFound, "that probe is no longer kept: the last 100 probes are")]
    [InlineData("/probe-log?id=x", HttpStatusCode.NotFound, "that probe is no longer kept")]
    [InlineData("/sidecar-log?id=1", HttpStatusCode.NotFound, "that run is no longer kept")]
    [InlineData("/target?address=127.0.0.1:1", HttpStatusCode.NotFound, "not a configured target, and no probe of it is kept")]
    [InlineData("/target?address=no%20such", HttpStatusCode.BadRequest, "invalid address")]
    [InlineData("/target?address=127.0.0.1:1&module=Fix:%20run%20this", HttpStatusCode.BadRequest, "unknown module 'Fix: run this'")]
    public async Task A_page_of_nothing_kept_says_why(string path, HttpStatusCode status, string reason)
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var response = await exporter.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sidecar_runs_log_lists_its_checks_and_never_sshds_own_log_lines()
    {
        using var root = new TempDirectory();
        root.Write("etc/ssh/sshd_config", $"Port {ClosedPort.Find()}\n");
        root.Write("var/log/auth.log", "Nov 24 03:00:01 host sshd[4242]: Accepted publickey for alice from 192.0.2.9 port 50022 ssh2\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig($"""
            sidecar:
              rootfs: {root.Path}
              show_sshd_log: true
            """));

        string landing = await exporter.GetTextAsync("/");
        string run = await exporter.GetTextAsync("/sidecar-log?id=1");

        Assert.Contains("""<span class="state">Critical</span> local sshd""", landing, StringComparison.Ordinal);
        Assert.Contains("""<a href="sidecar-log?id=1">log #1</a>""", landing, StringComparison.Ordinal);
        // This bare root has neither sshd nor host keys: the run's verdict names the alert the landing page's card does.
        string alert = System.Text.RegularExpressions.Regex.Match(landing, "local sshd</h3>.*?Runbook: (Ssh[A-Za-z]+)<", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"Critical ({alert})", run, StringComparison.Ordinal);
        Assert.Matches("<pre>service +sshd is NOT running", run);
        Assert.DoesNotContain("alice", run, StringComparison.Ordinal);
    }
}
