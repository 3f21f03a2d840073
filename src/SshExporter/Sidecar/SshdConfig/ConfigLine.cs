namespace SshExporter.Sidecar.SshdConfig;

/// <summary>One sshd_config directive: the keyword as written and its arguments with quotes removed.</summary>
internal readonly record struct ConfigLine(string Keyword, IReadOnlyList<string> Arguments);
