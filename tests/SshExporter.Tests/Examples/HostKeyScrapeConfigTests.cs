using SshExporter.Config;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Examples;

/// <summary>
/// examples/prometheus/host-keys.yml: the host key job relabels exactly as the ssh-probe job of probe.yml, so its
/// series join on the same <c>host</c> and <c>port</c>; it scrapes slowly, within the 5 to 15 minutes the docs
/// recommend; and its module exists as its comment writes it.
/// </summary>
public class HostKeyScrapeConfigTests
{
    private const string Example = "host-keys.yml";

    [Fact]
    public void The_host_key_job_relabels_as_the_probe_job_and_scrapes_every_5_to_15_minutes()
    {
        var job = ExamplePrometheusConfig.Jobs(Example).Single();
        var probe = ExamplePrometheusConfig.Jobs("probe.yml").Single();

        Assert.Contains("__param_target", Text(probe.Children["relabel_configs"]), StringComparison.Ordinal);
        Assert.Equal(Text(probe.Children["relabel_configs"]), Text(job.Children["relabel_configs"]));
        Assert.Equal("/probe", job.Text("metrics_path"));
        Assert.True(PrometheusDuration.TryParse(job.Text("scrape_interval")!, out var interval));
        Assert.InRange(interval, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
        Assert.True(PrometheusDuration.TryParse(job.Text("scrape_timeout")!, out var timeout));
        Assert.True(timeout < interval);
    }

    [Fact]
    public void The_module_the_comment_shows_is_a_valid_exporter_config_with_the_module_the_job_names()
    {
        string[] lines = File.ReadAllLines(RepositoryRoot.Combine($"{ExamplePrometheusConfig.Directory}/{Example}"));
        string yaml = string.Join('\n', lines.SkipWhile(line => line != "#   modules:").TakeWhile(line => line.StartsWith("#   ", StringComparison.Ordinal)).Select(line => line[4..]));
        var job = ExamplePrometheusConfig.Jobs(Example).Single();
        string module = ((YamlSequenceNode)job.Mapping("params").Children["module"]).Children.Cast<YamlScalarNode>().Single().Value!;

        // The known_hosts file it names does not exist here; everything else must load as written.
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, Example));
        var config = ConfigLoader.Parse(yaml.Replace("known_hosts:", "# known_hosts:", StringComparison.Ordinal), Example);

        Assert.Contains("known_hosts: /etc/ssh-exporter/known_hosts: cannot read the known_hosts file", error.Message, StringComparison.Ordinal);
        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512"], config.Modules[module].HostKey!.Algorithms.Select(a => a.Name));
        Assert.IsType<ModuleSettings>(config.Modules[module]);
    }

    private static string Text(YamlNode node)
    {
        using var text = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(text, assignAnchors: false);
        return text.ToString();
    }
}
