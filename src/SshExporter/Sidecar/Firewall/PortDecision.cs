using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall;

/// <summary>
/// One backend's answer for one port. <see cref="FirewallVerdict.Allowed"/> means a new connection gets in from at
/// least one remote address; when that takes a particular source (an interface, a rate limit, a match not
/// evaluated), <see cref="Notes"/> says so. Otherwise the port is blocked for every remote address, and the verdict
/// is what a remote host that no rule singles out meets.
/// </summary>
/// <param name="Port">The TCP port asked about.</param>
/// <param name="Verdict">What happens to a new connection from a remote host.</param>
/// <param name="DecidedBy">The rule that decided, as the tool prints it, or the chain policy (e.g. "policy DROP (filter INPUT)").</param>
/// <param name="Notes">Who the verdict is for, what other senders meet, and what was not evaluated.</param>
public sealed record PortDecision(int Port, FirewallVerdict Verdict, string DecidedBy, IReadOnlyList<string> Notes)
{
    public bool Allowed => Verdict == FirewallVerdict.Allowed;

    public override string ToString()
    {
        string text = $"{Port}/tcp {RuleWalker.Describe(Verdict)} by {DecidedBy}";
        return Notes.Count == 0 ? text : $"{text}; {string.Join("; ", Notes)}";
    }
}
