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
    public void Only_a_listed_user_with_the_password_of_the_hash_gets_in(string user, string password, bool allowed)
    {
        var authenticator = new BasicAuthenticator();

        // Twice: the second verdict comes from the cache and must be the same.
        Assert.Equal(allowed, authenticator.Allows(Users, Header(user, password)));
        Assert.Equal(allowed, authenticator.Allows(Users, Header(user, password)));
    }

    [Fact]
    public void A_cached_verdict_does_not_outlive_a_change_of_the_hash()
    {
        var authenticator = new BasicAuthenticator();
        Assert.True(authenticator.Allows(Users, Header("carol", "carol123")));

        var changed = new Dictionary<string, string> { ["carol"] = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi" };

        Assert.False(authenticator.Allows(changed, Header("carol", "carol123")));
        Assert.True(authenticator.Allows(changed, Header("carol", "fakepassword")));
    }

    [Fact]
    public void Without_users_everyone_gets_in_and_with_them_no_header_or_a_malformed_one_does_not()
    {
        var authenticator = new BasicAuthenticator();

        Assert.True(authenticator.Allows(new Dictionary<string, string>(), null));
        foreach (string? header in new[] { null, "", "Bearer abc", "Basic", "Basic !!!", $"Basic {Convert.ToBase64String("carol"u8)}" })
        {
            Assert.False(authenticator.Allows(Users, header), header);
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
