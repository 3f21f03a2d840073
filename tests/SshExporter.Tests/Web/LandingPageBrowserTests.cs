using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

/// <summary>The landing page as a person sees it: rendered by a real headless Chromium.</summary>
[NeedsTool("chromium")]
public class LandingPageBrowserTests
{
    [Fact]
    public async Task Chromium_renders_the_landing_page_with_its_probe_form_and_targets()
    {
        string chromium = Requires.Tool("chromium");
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync(
            ExporterUnderTest.WriteConfig($"targets: [{{address: \"{peer.Target}\", labels: {{env: prod}}}}]\n"));
        using var profile = new TempDirectory();

        var rendered = await ExternalCommand.RunAsync(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            // The page's console on standard error: where Chromium reports what the content security policy blocked.
            "--enable-logging=stderr", "--v=0",
            $"--user-data-dir={profile.Path}", "--dump-dom", new Uri(exporter.Http.BaseAddress!, "/").ToString(),
        ], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(rendered.ExitCode == 0, rendered.ToString());
        Assert.Contains("<h1>SSH Exporter</h1>", rendered.Stdout, StringComparison.Ordinal);
        Assert.Contains("<form action=\"probe\" method=\"get\">", rendered.Stdout, StringComparison.Ordinal);
        Assert.Contains($"<td>{peer.Target}</td><td>default</td><td>env=prod</td>", rendered.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Content Security Policy", rendered.Stderr, StringComparison.Ordinal);
    }
}
