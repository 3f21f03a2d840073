using System.Text.RegularExpressions;
using SshExporter.Config;
using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// alertmanager.yml for the test: the shipped alerts/alertmanager.example.yml with its routes and inhibit_rules
/// verbatim; only each receiver's webhook URL points at the test's webhook, and the first notification of a
/// group waits seconds instead of half a minute. Also which receivers the shipped routes name, so tests follow
/// whatever the example calls them.
/// </summary>
public static partial class AlertmanagerConfig
{
    /// <summary>One matcher of a route, <c>severity="critical"</c> or <c>severity = critical</c>.</summary>
    [GeneratedRegex(@"^\s*(?<label>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*(?:""(?<value>[^""]*)""|(?<value>\S*))\s*$")]
    private static partial Regex Matcher();

    /// <summary>The receiver of pages: the one child route that matches <c>severity="critical"</c>.</summary>
    public static string PagerReceiver { get; } = Route().Mappings("routes").Single(IsForPages).Text("receiver")!;

    /// <summary>The root route's receiver: every alert no child route takes, warnings and info among them.</summary>
    public static string DefaultReceiver { get; } = Route().Text("receiver")!;

    /// <summary><paramref name="webhook"/>: the base URL; each receiver posts to it under its own name.</summary>
    public static string Build(string webhook)
    {
        var root = YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.AlertmanagerExample));
        var route = root.Mapping("route");
        route.Set("group_wait", PrometheusDuration.Format(AlertingTiming.GroupWait));
        route.Set("group_interval", PrometheusDuration.Format(AlertingTiming.GroupInterval));
        foreach (var receiver in root.Mappings("receivers"))
        {
            foreach (var webhookConfig in receiver.Mappings("webhook_configs"))
            {
                webhookConfig.Set("url", $"{webhook}/{receiver.Text("name")}");
            }
        }

        return YamlFile.Save(root);
    }

    private static YamlMappingNode Route() => YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.AlertmanagerExample)).Mapping("route");

    private static bool IsForPages(YamlMappingNode route) =>
        route.Children.ContainsKey("matchers") && route.Sequence("matchers").Children.Select(matcher => Matcher().Match(((YamlScalarNode)matcher).Value!))
            .Any(m => m.Success && m.Groups["label"].Value == "severity" && m.Groups["op"].Value == "=" && m.Groups["value"].Value == "critical");
}
