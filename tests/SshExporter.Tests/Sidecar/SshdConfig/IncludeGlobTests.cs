using SshExporter.Sidecar;
using SshExporter.Sidecar.SshdConfig;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>Include patterns expand as glob(3) does, on a real directory tree under a rootfs.</summary>
public class IncludeGlobTests
{
    private static IReadOnlyList<string> Expand(TempDirectory tree, string pattern) => IncludeGlob.Expand(new HostPaths(tree.Path), pattern);

    [Fact]
    public void Matches_are_sorted_bytewise_and_hidden_files_need_an_explicit_dot()
    {
        using var tree = new TempDirectory();
        foreach (string name in new[] { "b.conf", "a.conf", "Z.conf", ".hidden.conf", "a.conf.bak", "10.conf" })
        {
            tree.Write($"etc/ssh/d/{name}", "");
        }

        Assert.Equal(["/etc/ssh/d/10.conf", "/etc/ssh/d/Z.conf", "/etc/ssh/d/a.conf", "/etc/ssh/d/b.conf"], Expand(tree, "/etc/ssh/d/*.conf"));
        Assert.Equal(["/etc/ssh/d/.hidden.conf"], Expand(tree, "/etc/ssh/d/.*.conf"));
    }

    [Theory]
    [InlineData("/etc/ssh/d/?.conf", "a.conf|b.conf|c.conf")]
    [InlineData("/etc/ssh/d/[ab].conf", "a.conf|b.conf")]
    [InlineData("/etc/ssh/d/[!a].conf", "b.conf|c.conf")]
    [InlineData("/etc/ssh/d/[a-b].conf", "a.conf|b.conf")]
    [InlineData("/etc/ssh/d/*", "a.conf|b.conf|c.conf|star*.conf")]
    [InlineData("/etc/ssh/d/star\\*.conf", "star*.conf")]
    [InlineData("/etc/ssh/d/c.conf", "c.conf")]
    public void Wildcards_brackets_and_escapes(string pattern, string expected)
    {
        using var tree = new TempDirectory();
        foreach (string name in new[] { "a.conf", "b.conf", "c.conf", "star*.conf" })
        {
            tree.Write($"etc/ssh/d/{name}", "");
        }

        Assert.Equal(expected.Split('|').Select(name => "/etc/ssh/d/" + name), Expand(tree, pattern));
    }

    [Fact]
    public void Wildcards_work_in_directory_components_too()
    {
        using var tree = new TempDirectory();
        tree.Write("etc/ssh/one.d/x.conf", "");
        tree.Write("etc/ssh/two.d/x.conf", "");
        tree.Write("etc/ssh/file.d", "a file, not a directory");

        Assert.Equal(["/etc/ssh/one.d/x.conf", "/etc/ssh/two.d/x.conf"], Expand(tree, "/etc/ssh/*.d/x.conf"));
    }

    [Theory]
    [InlineData("/etc/ssh/absent/*.conf")]
    [InlineData("/etc/ssh/nothing-*.conf")]
    [InlineData("/etc/ssh/absent.conf")]
    public void A_pattern_that_matches_nothing_expands_to_nothing(string pattern)
    {
        using var tree = new TempDirectory();
        tree.Write("etc/ssh/sshd_config", "");

        Assert.Empty(Expand(tree, pattern));
    }
}
