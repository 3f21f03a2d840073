using System.Globalization;

namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// OpenSSH's <c>a2port</c>: a decimal number from 0 to 65535, or else a TCP service name from the host's
/// /etc/services (sshd accepts <c>Port ssh</c>). Callers treat 0 as the bad port sshd says it is.
/// </summary>
internal sealed class PortNumber(HostPaths paths)
{
    private Dictionary<string, int>? _services;

    /// <summary>The port <paramref name="text"/> names, or null when it names none.</summary>
    public int? Parse(string text)
    {
        // strtonum: optional leading whitespace and sign, then decimal digits only.
        if (int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
        {
            return number is >= 0 and <= 65535 ? number : null;
        }

        _services ??= ReadServices(paths.Resolve("/etc/services"));
        return _services.TryGetValue(text, out int port) ? port : null;
    }

    /// <summary>The TCP entries of a services(5) file, names and aliases; empty when it cannot be read.</summary>
    private static Dictionary<string, int> ReadServices(string path)
    {
        var services = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                string[] fields = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !fields[1].EndsWith("/tcp", StringComparison.Ordinal)
                    || !int.TryParse(fields[1].AsSpan(0, fields[1].Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                {
                    continue;
                }

                foreach (string name in fields.Where((_, index) => index != 1))
                {
                    services.TryAdd(name, port);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the file only numeric ports resolve, as on a host without /etc/services.
        }

        return services;
    }
}
