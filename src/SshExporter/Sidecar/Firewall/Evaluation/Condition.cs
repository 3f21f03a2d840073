namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// A rule's condition, or one part of it, for the packet in question. A <see cref="Truth.Maybe"/> carries its
/// <see cref="Text"/> for the notes, and <see cref="OrdinaryMeets"/> when an ordinary remote host (one that no rule
/// singles out) meets it: true for a negated restriction such as "! -s 10.0.0.0/8".
/// </summary>
public readonly record struct Condition(Truth Truth, string Text = "", bool OrdinaryMeets = false)
{
    public static readonly Condition Yes = new(Truth.Yes);
    public static readonly Condition No = new(Truth.No);

    public static Condition Of(bool value) => value ? Yes : No;

    public static Condition Maybe(string text, bool ordinaryMeets = false) => new(Truth.Maybe, text, ordinaryMeets);

    /// <summary>The condition with "!" in front when <paramref name="negated"/>; a maybe stays a maybe.</summary>
    public Condition Negate(bool negated) => !negated || Truth == Truth.Maybe ? this : Of(Truth == Truth.No);

    /// <summary>All of them: No when one is No, Yes when all are Yes, otherwise Maybe for the ones that may hold.</summary>
    public static Condition All(IEnumerable<Condition> conditions)
    {
        var maybes = new List<Condition>();
        foreach (var condition in conditions)
        {
            if (condition.Truth == Truth.No)
            {
                return No;
            }

            if (condition.Truth == Truth.Maybe)
            {
                maybes.Add(condition);
            }
        }

        return maybes.Count == 0
            ? Yes
            : Maybe(string.Join(" and ", maybes.Select(m => m.Text).Distinct()), maybes.All(m => m.OrdinaryMeets));
    }

    /// <summary>Who takes the way the ordinary host does not: "only for traffic where -s 10.0.0.0/8 (rule: ...)".</summary>
    public string DescribeOthers(bool othersMeetIt, string rule)
    {
        string who = othersMeetIt ? Text
            : Text.StartsWith("! ", StringComparison.Ordinal) && !Text.Contains(" and ", StringComparison.Ordinal) ? Text[2..]
            : $"not ({Text})";
        return $"only for traffic where {who} (rule: {rule})";
    }
}
