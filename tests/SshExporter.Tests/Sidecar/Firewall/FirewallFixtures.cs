using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Iptables;
using SshExporter.Sidecar.Firewall.Nftables;

namespace SshExporter.Tests.Sidecar.Firewall;

/// <summary>
/// The captured outputs under testdata/firewall, from the real tools in a throwaway network namespace (the .nft files
/// next to the JSON are what was loaded).
/// </summary>
public static class FirewallFixtures
{
    public static string Read(string relative) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "firewall", relative));

    public static IptablesRuleset Iptables(string name) => IptablesSaveParser.Parse(Read($"iptables/{name}.rules"));

    public static NftRuleset Nft(string name) => NftJsonParser.Parse(Read($"nftables/{name}.json"));

    public static PortDecision Iptables(string name, int port) => IptablesEvaluator.Evaluate(Iptables(name), port);

    public static PortDecision Nft(string name, int port) => NftEvaluator.Evaluate(Nft(name), port);
}
