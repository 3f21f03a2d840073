namespace SshExporter.Sidecar;

/// <summary>One check's result and how long it took.</summary>
public sealed record CheckOutcome(string Check, CheckResult Result, TimeSpan Duration);

/// <summary>Everything one run of the sidecar's checks found, in the order the checks are registered.</summary>
public sealed record SidecarReport(IReadOnlyList<CheckOutcome> Checks)
{
    /// <summary>The result of the check that gives a <typeparamref name="T"/>, or null when none ran.</summary>
    public T? Get<T>() where T : CheckResult => Checks.Select(c => c.Result).OfType<T>().FirstOrDefault();

    /// <summary>This report with <paramref name="result"/> in place of the result of the same type.</summary>
    public SidecarReport With(CheckResult result) =>
        new([.. Checks.Select(c => c.Result.GetType() == result.GetType() ? c with { Result = result } : c)]);
}
