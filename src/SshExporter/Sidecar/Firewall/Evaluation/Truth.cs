namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Whether a condition holds for a new TCP connection to the port from a remote host: for every one, for none, or
/// <see cref="Maybe"/> for some (a source address, an interface, a rate limit, or a match not understood here).
/// </summary>
public enum Truth
{
    No,
    Yes,
    Maybe,
}

public static class Truths
{
    public static Truth Of(bool value) => value ? Truth.Yes : Truth.No;

    /// <summary>Yes when any item matches; otherwise Maybe when some item might, else No.</summary>
    public static Truth Any<T>(IEnumerable<T> items, Func<T, Truth> matches)
    {
        var result = Truth.No;
        foreach (var item in items)
        {
            switch (matches(item))
            {
                case Truth.Yes:
                    return Truth.Yes;
                case Truth.Maybe:
                    result = Truth.Maybe;
                    break;
                default:
                    break;
            }
        }

        return result;
    }
}
