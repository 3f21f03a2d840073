using SshExporter.Probing.Wire;

namespace SshExporter.Probing.HostKey;

/// <summary>One key line of a known_hosts file: <c>[@marker] hosts keytype base64-key [comment]</c>.</summary>
internal sealed record KnownHostsLine(KnownHostsPatterns Hosts, HostKeyPin Pin)
{
    /// <summary>Parses a line; a blank or comment line gives null. <paramref name="where"/> is <c>path:line</c>.</summary>
    public static bool TryParse(string text, string where, out KnownHostsLine? line, out string error)
    {
        line = null;
        error = "";
        string[] fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#'))
        {
            return true;
        }

        bool revoked = false;
        if (fields[0].StartsWith('@'))
        {
            switch (fields[0])
            {
                case "@revoked":
                    revoked = true;
                    break;
                case "@cert-authority":
                    error = $"{where}: @cert-authority lines are not supported: the probe does not check host certificates, so these hosts would go unpinned; pin their host keys instead";
                    return false;
                default:
                    error = $"{where}: unknown marker '{Sample(fields[0])}' (known_hosts has @revoked and @cert-authority)";
                    return false;
            }

            fields = fields[1..];
        }

        if (fields.Length < 3)
        {
            error = $"{where}: expected hosts, key type and key";
            return false;
        }

        if (!KnownHostsPatterns.TryParse(fields[0], out var hosts, out string hostsError))
        {
            error = $"{where}: {hostsError}";
            return false;
        }

        string keyType = fields[1];
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(fields[2]);
        }
        catch (FormatException)
        {
            error = $"{where}: the key is not base64";
            return false;
        }

        // ssh-keygen and sshd refuse a line whose key names another type than the line does; so do we.
        var reader = new SshWireReader(blob);
        if (!reader.TryReadAsciiString(out string blobType) || blobType != keyType)
        {
            error = $"{where}: the key is not a key of type '{Sample(keyType)}'";
            return false;
        }

        line = new KnownHostsLine(hosts!, new HostKeyPin(HostKeyFingerprint.OfKeyBlob(blob), $"{where}{(revoked ? " (@revoked)" : "")}", revoked));
        return true;
    }

    private static string Sample(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
