using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// alertmanager.yml for the test: the shipped alerts/alertmanager.example.yml with its routes and inhibit_rules
/// verbatim; only each receiver's webhook URL points at the test's webhook, and the first notification of a
/// group waits seconds instead of half a minute.
/// </summary>
public static class AlertmanagerConfig
{
    public const string RelativePath = "alerts/alertmanager.example.yml";

    /// <summary><paramref name="webhook"/>: the base URL; each receiver posts to it under its own name.</summary>
    public static string Build(string webhook)
    {
        var root = YamlFile.Load(RepositoryRoot.Combine(RelativePath));
        var route = root.Mapping("route");
        route.Set("group_wait", AlertingTiming.Format(AlertingTiming.GroupWait));
        route.Set("group_interval", AlertingTiming.Format(AlertingTiming.GroupInterval));
        foreach (var receiver in root.Mappings("receivers"))
        {
            foreach (var webhookConfig in receiver.Mappings("webhook_configs"))
            {
                webhookConfig.Set("url", $"{webhook}/{receiver.Text("name")}");
            }
        }

        return YamlFile.Save(root);
    }

    /// <summary>The receiver the shipped routes give pages: the child route that matches <c>severity="critical"</c>.</summary>
    public static string CriticalReceiver()
    {
        var route = YamlFile.Load(RepositoryRoot.Combine(RelativePath)).Mapping("route");
        return route.Mappings("routes")
            .Single(child => child.Sequence("matchers").Children.Any(matcher => ((YamlScalarNode)matcher).Value == "severity=\"critical\""))
            .Text("receiver")!;
    }
}
