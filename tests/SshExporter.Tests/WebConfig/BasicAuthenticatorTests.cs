using System.Text;
using SshExporter.WebConfig;

namespace SshExporter.Tests.WebConfig;

/// <summary>Basic auth as exporter-toolkit checks it: Go's header parsing, bcrypt, and no way in for a user the file does not list.</summary>
public class BasicAuthenticatorTests
{
    private const string CarolHash = "$2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu";

    private static readonly Dictionary<string, string> Users = new() { ["carol"] = CarolHash };

    [Theory]
    [InlineData("carol", "carol123", true)]
    [InlineData("carol", "carol1234", false)]
    [InlineData("carol", "", false)]
    [InlineData("Carol", "carol123", false)]
    // The toolkit's own cases: an unknown user is checked against its fixed hash of "fakepassword", which must not let anyone in.
    [InlineData("nobody", "fakepassword", false)]
    [InlineData("carol$2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu", "carol123", false)]
    [InlineData("carol", "$2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuucarol123", false)]
    public async Task Only_a_listed_user_with_the_password_of_the_hash_gets_in(string user, string password, bool allowed)
    {
        var authenticator = new BasicAuthenticator();

        // Twice: the second verdict comes from the cache and must be the same.
        Assert.Equal(allowed, await authenticator.AllowsAsync(Users, Header(user, password), TestContext.Current.CancellationToken));
        Assert.Equal(allowed, await authenticator.AllowsAsync(Users, Header(user, password), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_flood_of_wrong_passwords_neither_delays_a_cached_login_nor_queues_without_bound()
    {
        var authenticator = new BasicAuthenticator();
        var token = TestContext.Current.CancellationToken;
        Assert.True(await authenticator.AllowsAsync(Users, Header("carol", "carol123"), token));

        var flood = Enumerable.Range(0, 200).Select(i => Task.Run(() => authenticator.AllowsAsync(Users, Header("carol", $"wrong{i}"), token), token)).ToArray();
        var cached = authenticator.AllowsAsync(Users, Header("carol", "carol123"), token);

        Assert.True(cached.IsCompletedSuccessfully, "a cached login waited for bcrypt");
        Assert.True(await cached);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        Assert.All(await Task.WhenAll(flood), Assert.False);
        // 200 bcrypt runs one at a time would take seconds; past the bound the rest are refused at once.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"the flood took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task A_cached_verdict_does_not_outlive_a_change_of_the_hash()
    {
        var authenticator = new BasicAuthenticator();
        Assert.True(await authenticator.AllowsAsync(Users, Header("carol", "carol123"), TestContext.Current.CancellationToken));

        var changed = new Dictionary<string, string> { ["carol"] = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi" };

        Assert.False(await authenticator.AllowsAsync(changed, Header("carol", "carol123"), TestContext.Current.CancellationToken));
        Assert.True(await authenticator.AllowsAsync(changed, Header("carol", "fakepassword"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_users_everyone_gets_in_and_with_them_no_header_or_a_malformed_one_does_not()
    {
        var authenticator = new BasicAuthenticator();

        Assert.True(await authenticator.AllowsAsync(new Dictionary<string, string>(), null, TestContext.Current.CancellationToken));
        foreach (string? header in new[] { null, "", "Bearer abc", "Basic", "Basic !!!", $"Basic {Convert.ToBase64String("carol"u8)}" })
        {
            Assert.False(await authenticator.AllowsAsync(Users, header, TestContext.Current.CancellationToken), header);
        }
    }

    [Theory]
    [InlineData("Basic Y2Fyb2w6Y2Fyb2wxMjM=", true, "carol", "carol123")]
    [InlineData("basic Y2Fyb2w6Y2Fyb2wxMjM=", true, "carol", "carol123")]
    [InlineData("Basic Y2Fyb2w6YTpi", true, "carol", "a:b")]
    [InlineData("Basic Y2Fyb2w6Y2Fyb2wxMjM", false, "", "")]
    [InlineData("Basic  Y2Fyb2w6Y2Fyb2wxMjM=", false, "", "")]
    [InlineData("Basic Y2Fyb2w=", false, "", "")]
    public void The_header_is_read_as_Gos_Request_BasicAuth_reads_it(string header, bool parsed, string user, string password)
    {
        Assert.Equal(parsed, BasicAuthenticator.TryParse(header, out string readUser, out string readPassword));
        Assert.Equal((user, password), (readUser, readPassword));
    }

    [Fact]
    public void The_verdict_cache_stays_bounded()
    {
        var cache = new VerdictCache(capacity: 100);
        for (int i = 0; i < 1000; i++)
        {
            cache.Set($"key{i}", i % 2 == 0);
        }

        Assert.InRange(cache.Count, 1, 100);
    }

    private static string Header(string user, string password) => $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))}";
}
