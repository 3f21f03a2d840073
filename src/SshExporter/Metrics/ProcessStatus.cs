using System.Globalization;

namespace SshExporter.Metrics;

/// <summary>
/// What Go's client_golang reads about its own process on Linux (through prometheus/procfs), read the same way here
/// so that <c>process_*</c> means the same for this exporter as for node_exporter: <c>/proc/self/stat</c>,
/// <c>/proc/self/limits</c>, <c>/proc/self/fd</c> and the boot time of <c>/proc/stat</c>.
/// </summary>
public sealed record ProcessStatus(
    double CpuSeconds, double StartTimeSeconds, double VirtualMemoryBytes, double ResidentMemoryBytes, double OpenFds, double MaxFds, double MaxVirtualMemoryBytes)
{
    /// <summary>Clock ticks per second of <c>/proc/PID/stat</c>: fixed at 100 for user space, as procfs assumes too.</summary>
    private const double UserHz = 100;

    /// <summary>How Go reports an unlimited resource limit (procfs's SysLimitsUnlimited, the largest uint64).</summary>
    private const double Unlimited = ulong.MaxValue;

    /// <summary>Reads this process's status; null where there is no Linux procfs.</summary>
    public static ProcessStatus? ReadSelf(string procfs = "/proc")
    {
        try
        {
            return Parse(
                File.ReadAllText(Path.Combine(procfs, "self/stat")),
                File.ReadAllText(Path.Combine(procfs, "self/limits")),
                File.ReadAllText(Path.Combine(procfs, "stat")),
                Directory.GetFileSystemEntries(Path.Combine(procfs, "self/fd")).Length,
                Environment.SystemPageSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static ProcessStatus Parse(string stat, string limits, string systemStat, int openFds, int pageSize)
    {
        // The command name in parentheses may hold spaces and parentheses itself: fields count from the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // proc(5) numbers fields from 1 with the pid, so field N is fields[N - 3] here.
        double utime = Number(fields[14 - 3]);
        double stime = Number(fields[15 - 3]);
        double startTicks = Number(fields[22 - 3]);
        double vsize = Number(fields[23 - 3]);
        double rssPages = Number(fields[24 - 3]);
        double bootTime = Number(systemStat.Split('\n').First(line => line.StartsWith("btime ", StringComparison.Ordinal))[6..]);
        return new ProcessStatus(
            CpuSeconds: (utime + stime) / UserHz,
            StartTimeSeconds: bootTime + (startTicks / UserHz),
            VirtualMemoryBytes: vsize,
            ResidentMemoryBytes: rssPages * pageSize,
            OpenFds: openFds,
            MaxFds: SoftLimit(limits, "Max open files"),
            MaxVirtualMemoryBytes: SoftLimit(limits, "Max address space"));
    }

    /// <summary>The soft limit of a row of <c>/proc/PID/limits</c> ("Max open files  1024  524288  files"); the largest uint64 for "unlimited".</summary>
    public static double SoftLimit(string limits, string name)
    {
        string row = limits.Split('\n').First(line => line.StartsWith(name, StringComparison.Ordinal));
        string soft = row[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft == "unlimited" ? Unlimited : Number(soft);
    }

    private static double Number(string text) => double.Parse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
