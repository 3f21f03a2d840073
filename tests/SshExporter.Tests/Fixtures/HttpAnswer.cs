namespace SshExporter.Tests.Fixtures;

/// <summary>
/// What one GET got: the status and body of an answer (a 400 for a bad query says why in its body), or why no
/// answer came. Polls ask again while it is no success, and put the last one into their failure message.
/// </summary>
public sealed record HttpAnswer(string Path, int? Status, string Body, string? Failure)
{
    private const int ShownBodyLength = 2000;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>GETs <paramref name="path"/>; a refused connection or the client's own timeout is an answer without status, not an exception.</summary>
    public static async Task<HttpAnswer> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            return new HttpAnswer(path, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), null);
        }
        catch (HttpRequestException e)
        {
            return new HttpAnswer(path, null, "", e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HttpAnswer(path, null, "", $"no answer within the client's timeout of {http.Timeout.TotalSeconds}s");
        }
    }

    /// <summary>
    /// GETs <paramref name="path"/> again while no answer comes or a 5xx does (a server busy or still starting),
    /// for at most <paramref name="limit"/>; returns the last answer: a success, a 4xx, or what the limit left.
    /// </summary>
    public static async Task<HttpAnswer> GetPatientlyAsync(HttpClient http, string path, TimeSpan limit, CancellationToken cancellationToken)
    {
        HttpAnswer? answer = null;
        await Poll.UntilAsync(async () => (answer = await GetAsync(http, path, cancellationToken)).Status is >= 200 and < 500, limit, cancellationToken);
        return answer!;
    }

    public override string ToString() => Status is { } status
        ? $"GET {Path}: {status} {(Body.Length > ShownBodyLength ? Body[..ShownBodyLength] + "..." : Body)}"
        : $"GET {Path}: no answer ({Failure})";
}
