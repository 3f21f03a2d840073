namespace SshExporter.Probing.Sockets;

/// <summary>
/// The size of the <see cref="SocketBudget"/> when <c>--probe.max-sockets</c> is 0 (auto), from the soft limit on
/// open files (RLIMIT_NOFILE; .NET raises the soft limit to the hard one at start) and the descriptors already open
/// when it is sized: <c>clamp((nofile − open − 64) / 2, 1, 16384)</c>. The runtime keeps every loaded assembly open
/// (about 200 descriptors for a serving exporter), and the 64 kept back are for what comes later and is not a probe:
/// assemblies loaded on first use, config and log files, the sidecar's child processes and their pipes. The rest is
/// halved because each <c>/probe</c> request holds one HTTP connection while its probe holds one socket. The ceiling
/// keeps a huge limit from meaning tens of thousands of SYNs at once, well inside the default ephemeral port range
/// (28,232 ports).
/// </summary>
public static class SocketBudgetSize
{
    public const int Ceiling = 16384;

    /// <summary>Descriptors kept back for what is opened after the budget is sized and is not a probe socket.</summary>
    public const int Reserve = 64;

    /// <summary>Assumed when the limit cannot be read: the usual default soft limit.</summary>
    public const long FallbackDescriptorLimit = 1024;

    public static int FromDescriptorLimit(long descriptors, int open) =>
        (int)Math.Clamp((descriptors - open - Reserve) / 2, 1, Ceiling);

    /// <summary>
    /// How many HTTP connections the server may hold at once: the descriptors left beside the probe sockets, so that
    /// a flood of connections cannot take the last descriptor, which the runtime needs to load an assembly on first use
    /// and aborts the process without (the listener accepts no connection over it: see <c>BoundedConnectionListenerFactory</c>).
    /// </summary>
    public static long HttpConnectionLimit(int probeSockets) =>
        Math.Max(1, ReadDescriptorLimit() - CountOpenDescriptors() - Reserve - probeSockets);

    /// <summary><paramref name="configured"/> when positive, otherwise sized from this process's descriptor limit.</summary>
    public static int Resolve(int configured) => configured > 0 ? configured : FromDescriptorLimit(ReadDescriptorLimit(), CountOpenDescriptors());

    /// <summary>Descriptors this process has open now (<c>/proc/self/fd</c>); none where it cannot be read.</summary>
    public static int CountOpenDescriptors()
    {
        try
        {
            return Directory.GetFiles("/proc/self/fd").Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The soft open-files limit from <c>/proc/self/limits</c>, read as the <c>process_max_fds</c> metric reads it.</summary>
    public static long ReadDescriptorLimit()
    {
        try
        {
            double soft = Metrics.ProcessStatus.SoftLimit(File.ReadAllText("/proc/self/limits"), "Max open files");
            return soft >= long.MaxValue ? long.MaxValue : (long)soft;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            // Not Linux, or no /proc: the usual default below.
            return FallbackDescriptorLimit;
        }
    }
}
