using System.Text.RegularExpressions;

namespace SshExporter.Tests.Probing;

/// <summary>Lines of a real sshd's log (LogLevel INFO) that the probing tests look for.</summary>
internal static partial class SshdLogLines
{
    /// <summary>
    /// The one line a probe from 127.0.0.1 leaves, on 9.2 and 10.0 alike: [preauth] because sshd had taken the
    /// identification and was waiting for the key exchange when the probe left.
    /// </summary>
    [GeneratedRegex(@"^Connection closed by 127\.0\.0\.1 port \d+ \[preauth\]\r?$", RegexOptions.Multiline)]
    public static partial Regex ClosedByProbe();
}
