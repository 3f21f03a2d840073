using System.Security.Cryptography;
using System.Text;

namespace SshExporter.WebConfig;

/// <summary>
/// Checks an <c>Authorization: Basic</c> header against <c>basic_auth_users</c> as exporter-toolkit does: bcrypt runs
/// one at a time (it is slow by design), its verdicts are cached (bounded) so that a scraper pays it once, and an
/// unknown user is checked against a fixed hash so that timing does not tell which users exist. Requests wait for
/// bcrypt without holding a thread, and past <see cref="MaxWaiting"/> waiting an unverified password is refused at
/// once, so that a flood of wrong passwords delays neither cached logins nor the other endpoints' work.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "One per process, for its lifetime; a SemaphoreSlim holds no kernel handle unless its AvailableWaitHandle is read.")]
public sealed class BasicAuthenticator
{
    /// <summary>The toolkit's: bcrypt of "fakepassword" at cost 10.</summary>
    private const string UnknownUserHash = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";

    /// <summary>Requests that may wait for bcrypt at once: at tens of milliseconds each, about a second's work.</summary>
    public const int MaxWaiting = 16;

    private readonly VerdictCache _verdicts = new(capacity: 100);
    private readonly SemaphoreSlim _bcrypt = new(1, 1);
    private int _waiting;

    public async Task<bool> AllowsAsync(IReadOnlyDictionary<string, string> users, string? authorization, CancellationToken cancellationToken)
    {
        if (users.Count == 0)
        {
            return true;
        }

        if (!TryParse(authorization, out string user, out string password))
        {
            return false;
        }

        bool known = users.TryGetValue(user, out string? hash);
        hash ??= UnknownUserHash;
        // Keyed by a digest, so that no password stays in memory; the hash is part of it, so a changed file counts.
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Length}:{user}{hash}:{password}")));
        if (!_verdicts.TryGet(key, out bool matches))
        {
            bool? verified = await VerifyAsync(password, hash, cancellationToken);
            if (verified is null)
            {
                return false;
            }

            matches = verified.Value;
            _verdicts.Set(key, matches);
        }

        return known && matches;
    }

    /// <summary>The password against the hash, one at a time as the toolkit does; null when too many already wait.</summary>
    private async Task<bool?> VerifyAsync(string password, string hash, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            await _bcrypt.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
        finally
        {
            _bcrypt.Release();
        }
    }

    /// <summary>As Go's <c>Request.BasicAuth</c>: "Basic " in any case, standard base64, the user up to the first colon.</summary>
    internal static bool TryParse(string? authorization, out string user, out string password)
    {
        user = password = "";
        const string Scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string encoded = authorization[Scheme.Length..];
        byte[] bytes;
        try
        {
            // .NET skips whitespace inside base64; Go's decoder does not.
            bytes = encoded.Any(char.IsWhiteSpace) ? [] : Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return false;
        }

        string text = Encoding.UTF8.GetString(bytes);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
