namespace SshExporter.Config;

/// <summary>
/// How large a configuration may be. A reload must never take the memory or the scrape with it, and every per-target
/// series repeats every label of its target, so the limits bound what the file and the <c>/metrics</c> page can
/// grow to. Each is far above a sensible config: <c>/metrics</c> is for tens of targets (a fleet goes through
/// <c>/probe</c>, docs/scaling.md), and a file of <see cref="MaxTargets"/> targets with an address, a module, five
/// labels and two host key fingerprints each (about 400 bytes) still fits in <see cref="MaxFileBytes"/>.
/// </summary>
internal static class ConfigLimits
{
    public const long MaxFileBytes = 4L * 1024 * 1024;

    /// <summary>
    /// What YAML aliases may expand the document to, counted as the characters of every scalar plus one for every
    /// node, each alias as all of what it names: no more than a file without aliases could hold.
    /// </summary>
    public const long MaxExpandedSize = MaxFileBytes;

    public const int MaxTargets = 10_000;

    public const int MaxModules = 1_000;

    /// <summary>Distinct label names over all targets: every per-target series carries all of them.</summary>
    public const int MaxLabelNames = 32;

    public const int MaxNameLength = 128;

    public const int MaxLabelValueLength = 1024;

    public const int MaxHostKeyFingerprints = 64;

    /// <summary>sshd itself listens on at most 256 ports (MAX_PORTS in OpenSSH's servconf.h).</summary>
    public const int MaxExtraPorts = 256;

    /// <summary>Linux's PATH_MAX.</summary>
    public const int MaxPathLength = 4096;

    /// <summary>systemd's UNIT_NAME_MAX, less the terminating NUL.</summary>
    public const int MaxUnitNameLength = 255;

    /// <summary>Longer than any duration, address, algorithm or fingerprint: such a scalar is refused unread.</summary>
    public const int MaxTypedScalarLength = 300;

    public static void AtMost(int count, int max, string what, string where)
    {
        if (count > max)
        {
            throw new ConfigException($"{where}: {count} {what}; at most {max} are allowed");
        }
    }

    public static void AtMostLong(string value, int max, string where)
    {
        if (value.Length > max)
        {
            throw new ConfigException($"{where}: {InputExcerpt.Quote(value)} is {value.Length} characters long; at most {max} are allowed");
        }
    }
}
