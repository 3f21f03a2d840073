namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>Logic over "yes / no / cannot tell" (null), as the evaluators need it for rules they only partly understand.</summary>
public static class ThreeValued
{
    /// <summary>True when any item matches; otherwise null when some item could not be told, else false.</summary>
    public static bool? Any<T>(IEnumerable<T> items, Func<T, bool?> matches)
    {
        bool unknown = false;
        foreach (var item in items)
        {
            switch (matches(item))
            {
                case true:
                    return true;
                case null:
                    unknown = true;
                    break;
                default:
                    break;
            }
        }

        return unknown ? null : false;
    }
}
