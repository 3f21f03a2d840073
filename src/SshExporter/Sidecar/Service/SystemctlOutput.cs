namespace SshExporter.Sidecar.Service;

/// <summary>Parses what systemctl prints for several units in one call; both commands answer in argument order.</summary>
public static class SystemctlOutput
{
    /// <summary>
    /// <c>systemctl show -p LoadState,ActiveState,SubState U1 U2 ...</c>: a block of KEY=VALUE lines per unit, the
    /// blocks separated by an empty line.
    /// </summary>
    public static List<SystemdUnitState> ParseShow(string text)
    {
        var units = new List<SystemdUnitState>();
        var block = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                block[line[..equals]] = line[(equals + 1)..];
            }
        }

        Flush();
        return units;

        void Flush()
        {
            if (block.Count > 0)
            {
                units.Add(new SystemdUnitState(
                    block.GetValueOrDefault("LoadState", ""),
                    block.GetValueOrDefault("ActiveState", ""),
                    block.GetValueOrDefault("SubState", "")));
                block.Clear();
            }
        }
    }

    /// <summary><c>systemctl is-active U1 U2 ...</c>: one state word per unit (active, inactive, failed, ...).</summary>
    public static List<string> ParseIsActive(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
