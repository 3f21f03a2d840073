namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// One pass over sshd_config and its includes: which lines apply (the Match state) and where Include goes.
/// Like sshd: after a <c>Match</c> line nothing global applies until the end of that file (only <c>Match all</c>
/// applies again); an included file starts in its includer's state and cannot change it; includes nest at most
/// <see cref="SshdDefaults.MaxIncludeDepth"/> deep.
/// </summary>
internal sealed class ConfigWalk(HostPaths paths)
{
    private readonly SshdConfigBuilder _builder = new(new PortNumber(paths));
    private readonly List<string> _filesRead = [];
    private readonly List<string> _problems = [];

    /// <summary>Set once includes nest deeper than sshd allows (sshd would stop) or too many files were read; no more are followed.</summary>
    private bool _includesAbandoned;

    public ParsedSshdConfig Build(string configPath) => _builder.Build(configPath, [.. _filesRead], [.. _problems]);

    /// <summary>The lines of one file (host path), recorded as read; null with the reason when it cannot be read.</summary>
    public string[]? ReadLines(string hostPath, out string? error)
    {
        error = null;
        string local = paths.Resolve(hostPath);
        try
        {
            if (Directory.Exists(local))
            {
                // sshd reads a directory as an empty file; a glob that matches one is most likely a mistake.
                _filesRead.Add(hostPath);
                _problems.Add($"{hostPath}: is a directory, included as an empty file");
                return [];
            }

            // Regular files only, and bounded: an Include of a FIFO would block every check after it.
            if (!Config.BoundedFile.TryReadText(local, SshdConfigParser.MaxFileBytes, "file", out string text, out error))
            {
                return null;
            }

            string[] lines = text.Split('\n');
            _filesRead.Add(hostPath);
            return lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
    }

    public void ParseFile(string hostPath, string[] lines, int depth, bool startActive)
    {
        bool active = startActive;
        for (int index = 0; index < lines.Length; index++)
        {
            string where = $"{hostPath} line {index + 1}";
            var line = ConfigLineSplitter.Split(lines[index], out string? error);
            if (error is not null)
            {
                _problems.Add($"{where}: {error}");
            }

            if (line is not { } directive)
            {
                continue;
            }

            string keyword = directive.Keyword.ToLowerInvariant();
            if (keyword == "match")
            {
                // At startup sshd has no connection to match, so only "Match all" is true. An included file
                // that starts inside a Match block (startActive false) can never become active.
                active = startActive && MatchesAll(directive, where);
            }
            else if (keyword == "include")
            {
                Include(directive, where, depth, active);
            }
            else if (SshdConfigBuilder.Handles(keyword))
            {
                string? complaint = active
                    ? _builder.Apply(directive)
                    : $"Directive '{directive.Keyword}' is not allowed within a Match block";
                if (complaint is not null)
                {
                    _problems.Add($"{where}: {complaint}");
                }
            }
        }
    }

    private bool MatchesAll(ConfigLine match, string where)
    {
        // "all" must stand alone; any other first criterion is false at startup, so its arguments do not matter.
        var criteria = match.Arguments;
        if (criteria.Count == 0 || !criteria[0].Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (criteria.Count > 1)
        {
            _problems.Add($"{where}: 'all' cannot be combined with other Match attributes");
            return false;
        }

        return true;
    }

    private void Include(ConfigLine include, string where, int depth, bool active)
    {
        if (include.Arguments.Count == 0)
        {
            _problems.Add($"{where}: {include.Keyword} missing filename argument");
            return;
        }

        foreach (string argument in include.Arguments)
        {
            if (argument.Length == 0)
            {
                _problems.Add($"{where}: keyword {include.Keyword} empty argument");
                return;
            }

            string pattern = argument[0] is '/' or '~' ? argument : $"{SshdDefaults.ConfigDirectory}/{argument}";
            foreach (string file in IncludeGlob.Expand(paths, pattern))
            {
                if (_includesAbandoned)
                {
                    return;
                }

                if (depth + 1 > SshdDefaults.MaxIncludeDepth)
                {
                    // sshd stops here with a fatal error; stop following includes but keep what was read.
                    _problems.Add($"{where}: Too many recursive configuration includes (following {file})");
                    _includesAbandoned = true;
                    return;
                }

                if (_filesRead.Count >= SshdConfigParser.MaxFilesRead)
                {
                    _problems.Add($"{where}: stopped following includes after reading {_filesRead.Count} files");
                    _includesAbandoned = true;
                    return;
                }

                if (ReadLines(file, out string? error) is { } lines)
                {
                    ParseFile(file, lines, depth + 1, active);
                }
                else
                {
                    _problems.Add($"{where}: cannot read included file {file}: {error}");
                }
            }
        }
    }
}
