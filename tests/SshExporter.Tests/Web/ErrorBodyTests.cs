using System.Net;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

/// <summary>
/// Every 400 of <c>/probe</c> and <c>/metrics</c> answers one short line that quotes at most a short, escaped excerpt
/// of what the client sent, however long or strange: never kilobytes of a query or a header echoed back. Numeric
/// IPv4 forms are named with the address they mean, and an IPv6 address without brackets is never guessed at.
/// </summary>
public class ErrorBodyTests
{
    private const int MaxBody = 200;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string Long = new('a', 6000);

    public static TheoryData<string, string?> LongInputs => new()
    {
        { $"/probe?target={Long}:22", null },
        { $"/probe?target={Long}!:22", null },
        { $"/probe?target=db1:{new string('9', 6000)}", null },
        { $"/probe?target=db1:{Long}", null },
        { $"/probe?target=ssh://{Long}", null },
        { $"/probe?target=[{Long}]", null },
        { $"/probe?target=[::1]:22&module={Long}", null },
        { $"/probe?target={Uri.EscapeDataString(new string('\u00e9', 1000))}", null },
        { $"/probe?target=[::1]:22&module=%1b[31m{Long}", null },
        { "/probe?target=[::1]:22", Long },
        { "/metrics", Long },
        { "/metrics", "\u001b[31m" + Long },
    };

    [Theory]
    [MemberData(nameof(LongInputs))]
    public async Task A_bad_request_quotes_a_short_escaped_excerpt_of_its_input(string path, string? scrapeTimeoutHeader)
    {
        await using var exporter = await ExporterUnderTest.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (scrapeTimeoutHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeoutHeader);
        }

        using var response = await exporter.Http.SendAsync(request, Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(body.Length, 2, MaxBody);
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
        Assert.All(body[..^1], c => Assert.InRange(c, ' ', '~'));
    }

    [Theory]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7f.1", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    public async Task An_IPv4_address_in_a_numeric_form_gets_400_naming_the_address_it_means(string host, string meaning)
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var response = await exporter.Http.GetAsync($"/probe?target={host}:22", Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"invalid target: '{host}' is IPv4 in an unusual form that means {meaning}; write {meaning}\n", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task An_IPv6_address_and_port_without_brackets_gets_400_with_the_bracketed_forms()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var response = await exporter.Http.GetAsync("/probe?target=::1:2500", Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "invalid target: '::1:2500' is ambiguous: write [::1]:2500 for port 2500 of ::1, or [::1:2500] for that address on port 22\n",
            await response.Content.ReadAsStringAsync(Token));
    }
}
