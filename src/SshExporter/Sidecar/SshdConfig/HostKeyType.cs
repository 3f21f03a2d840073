namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// The key type for the <c>type</c> label of one host key: from the algorithm that starts its <c>.pub</c> file
/// (readable without root, unlike the key), else from the conventional name <c>ssh_host_TYPE_key</c>, else "unknown".
/// </summary>
internal static class HostKeyType
{
    public const string Unknown = "unknown";

    private const string CertificateSuffix = "-cert-v01@openssh.com";

    public static string Of(HostPaths paths, string hostKeyPath) =>
        FromAlgorithm(FirstWord(paths.Resolve(hostKeyPath + ".pub"))) ?? FromFileName(Path.GetFileName(hostKeyPath)) ?? Unknown;

    /// <summary>The short type for an SSH public key algorithm name, or null for one not known.</summary>
    public static string? FromAlgorithm(string? algorithm)
    {
        if (algorithm is null)
        {
            return null;
        }

        if (algorithm.EndsWith(CertificateSuffix, StringComparison.Ordinal))
        {
            algorithm = algorithm[..^CertificateSuffix.Length];
        }

        return algorithm switch
        {
            "ssh-ed25519" => "ed25519",
            "ssh-rsa" or "rsa-sha2-256" or "rsa-sha2-512" => "rsa",
            "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => "ecdsa",
            "ssh-dss" => "dsa",
            "sk-ssh-ed25519@openssh.com" => "ed25519-sk",
            "sk-ecdsa-sha2-nistp256@openssh.com" => "ecdsa-sk",
            "ssh-xmss@openssh.com" => "xmss",
            _ => null,
        };
    }

    /// <summary>TYPE from <c>ssh_host_TYPE_key</c>, as <c>ssh-keygen -A</c> names them; null for other names.</summary>
    public static string? FromFileName(string fileName)
    {
        const string prefix = "ssh_host_", suffix = "_key";
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal)
            || fileName.Length <= prefix.Length + suffix.Length)
        {
            return null;
        }

        string type = fileName[prefix.Length..^suffix.Length];
        // Labels stay short and plain even for odd file names.
        return type.Length <= 16 && type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? type : null;
    }

    /// <summary>The first word of a file, reading no more than a key's algorithm name needs.</summary>
    private static string? FirstWord(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[128];
            int read = reader.ReadBlock(buffer, 0, buffer.Length);
            string start = new(buffer, 0, read);
            string word = start.Split([' ', '\t', '\r', '\n'], 2, StringSplitOptions.None)[0];
            return word.Length > 0 ? word : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
