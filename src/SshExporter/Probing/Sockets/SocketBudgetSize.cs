namespace SshExporter.Probing.Sockets;

/// <summary>
/// The size of the <see cref="SocketBudget"/> when <c>--probe.max-sockets</c> is 0 (auto), from the soft limit on
/// open files (RLIMIT_NOFILE; .NET raises the soft limit to the hard one at start):
/// <c>clamp((nofile − min(256, nofile / 2)) / 2, 1, 16384)</c>. The reserve of up to 256 descriptors is for what is
/// not a probe (listening sockets, the runtime's own, log and config files, the sidecar's child processes); the
/// rest is halved because each <c>/probe</c> request holds one HTTP connection while its probe holds one socket.
/// The ceiling keeps a huge limit from meaning tens of thousands of SYNs at once and stays well inside the default
/// ephemeral port range (28,232 ports).
/// </summary>
public static class SocketBudgetSize
{
    public const int Ceiling = 16384;

    /// <summary>Assumed when the limit cannot be read: the usual default soft limit.</summary>
    public const long FallbackDescriptorLimit = 1024;

    public static int FromDescriptorLimit(long descriptors)
    {
        long reserve = Math.Min(256, descriptors / 2);
        return (int)Math.Clamp((descriptors - reserve) / 2, 1, Ceiling);
    }

    /// <summary><paramref name="configured"/> when positive, otherwise sized from this process's descriptor limit.</summary>
    public static int Resolve(int configured) => configured > 0 ? configured : FromDescriptorLimit(ReadDescriptorLimit());

    /// <summary>The soft open-files limit from <c>/proc/self/limits</c> ("Max open files  SOFT  HARD  files").</summary>
    public static long ReadDescriptorLimit()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    string soft = line["Max open files".Length..].TrimStart().Split(' ')[0];
                    return long.TryParse(soft, out long value) ? value : long.MaxValue; // "unlimited"
                }
            }
        }
        catch (IOException)
        {
            // Not Linux, or no /proc: the usual default below.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return FallbackDescriptorLimit;
    }
}
