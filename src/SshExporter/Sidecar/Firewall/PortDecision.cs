namespace SshExporter.Sidecar.Firewall;

/// <summary>
/// One backend's answer for one port.
/// </summary>
/// <param name="Port">The TCP port asked about.</param>
/// <param name="Verdict">What happens to a new connection from a remote host.</param>
/// <param name="DecidedBy">The rule that decided, as the tool prints it, or the chain policy (e.g. "policy DROP (filter INPUT)").</param>
/// <param name="Uncertain">
/// True when the answer rests on something the evaluator could not work out (a match or target it does not know,
/// an evaluation cut short). The verdict is then the evaluator's best reading and <paramref name="Notes"/> says why.
/// </param>
/// <param name="Notes">Why the answer is what it is: source restrictions on the deciding path, assumptions, other outcomes.</param>
public sealed record PortDecision(int Port, FirewallVerdict Verdict, string DecidedBy, bool Uncertain, IReadOnlyList<string> Notes)
{
    public bool Allowed => Verdict == FirewallVerdict.Allowed;

    public override string ToString()
    {
        string text = $"{Port}/tcp {Verdict.ToString().ToLowerInvariant()} by {DecidedBy}";
        if (Uncertain)
        {
            text += " (uncertain)";
        }

        return Notes.Count == 0 ? text : $"{text}; {string.Join("; ", Notes)}";
    }
}
