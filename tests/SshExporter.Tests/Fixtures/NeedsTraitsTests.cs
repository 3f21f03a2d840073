using System.Reflection;
using System.Text.RegularExpressions;
using Xunit.v3;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// The <see cref="NeedsAttribute"/> marks say what the source uses, both ways, so a filter on them cannot drift: a
/// test class that (itself or through a helper of its area) makes a network namespace, starts sshd, runs podman, starts
/// the exporter's executable or calls <see cref="Requires"/> carries the matching mark on the class or on one of its tests, and no mark stays
/// without a use. A shared fixture counts for what it requires itself, not for every fixture it can work with.
/// </summary>
public partial class NeedsTraitsTests
{
    private static readonly string TestsRoot = RepositoryRoot.Combine("tests/SshExporter.Tests");

    /// <summary>Tools every machine that runs the tests has, or that only run inside a network namespace the test has made.</summary>
    private static readonly HashSet<string> ToolsNotMarked =
        ["sh", "bash", "env", "ls", "printf", "seq", "sleep", "false", "kill", "unshare", "setpriv", "dotnet",
         "ip", "iptables", "ip6tables", "iptables-legacy", "iptables-save", "nft", "sysctl", "ss"];

    /// <summary>Tools that belong to a need with a name of its own.</summary>
    private static readonly Dictionary<string, string[]> ToolNeeds = new()
    {
        ["sshd"] = ["sshd"], ["ssh-keygen"] = ["sshd"],
        ["node"] = ["node"],
        ["prometheus"] = ["prometheus"], ["promtool"] = ["prometheus"], ["amtool"] = ["prometheus"], ["prometheus-alertmanager"] = ["prometheus"],
        ["podman"] = ["podman", "root"], ["mmdebstrap"] = ["podman", "root"],
    };

    [Fact]
    public void Every_test_class_is_marked_with_what_its_source_needs_and_nothing_else()
    {
        var sources = SourceFiles();
        var needs = new Dictionary<string, SortedSet<string>>();
        var mismatches = new List<string>();
        foreach (Type type in TestClasses())
        {
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (SourceFile file in sources.Where(s => s.Declares.Contains(type.Name)))
            {
                expected.UnionWith(NeedsOf(file, sources, needs, []));
            }

            var marked = new SortedSet<string>(Marks(type), StringComparer.Ordinal);
            if (!expected.SetEquals(marked))
            {
                mismatches.Add($"{type.Name}: source needs [{string.Join(", ", expected)}], marks say [{string.Join(", ", marked)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>The harness itself: a class known to start sshd in a namespace is found to need exactly that.</summary>
    [Fact]
    public void The_scan_sees_what_a_namespace_test_with_sshd_needs()
    {
        var sources = SourceFiles();
        SourceFile file = Assert.Single(sources, s => s.Declares.Contains("FirewalledPortTests"));

        Assert.Equal(["exporter-binary", "netns", "root", "sshd"], NeedsOf(file, sources, [], []));
    }

    private static IEnumerable<Type> TestClasses() =>
        typeof(NeedsTraitsTests).Assembly.GetTypes().Where(type =>
            type != typeof(NeedsTraitsTests)
            && type.GetMethods().Any(method => method.GetCustomAttributes().OfType<IFactAttribute>().Any()));

    private static IEnumerable<string> Marks(Type type) =>
        type.GetCustomAttributes<NeedsAttribute>()
            .Concat(type.GetMethods().SelectMany(method => method.GetCustomAttributes<NeedsAttribute>()))
            .SelectMany(mark => mark.Needs);

    /// <summary>What a file needs: its own uses, and what the helpers it names need (a shared fixture only its own requirements).</summary>
    private static SortedSet<string> NeedsOf(SourceFile file, IReadOnlyList<SourceFile> sources, Dictionary<string, SortedSet<string>> known, HashSet<string> visiting)
    {
        if (known.TryGetValue(file.Path, out var done))
        {
            return done;
        }

        var needs = new SortedSet<string>(DirectNeeds(file), StringComparer.Ordinal);
        if (!file.IsSharedFixture && visiting.Add(file.Path))
        {
            foreach (SourceFile helper in sources.Where(other => other != file && other.Declares.Any(file.Names.Contains)))
            {
                needs.UnionWith(NeedsOf(helper, sources, known, visiting));
            }

            visiting.Remove(file.Path);
        }

        known[file.Path] = needs;
        return needs;
    }

    private static IEnumerable<string> DirectNeeds(SourceFile file)
    {
        if (RootCall().IsMatch(file.Code))
        {
            yield return "root";
        }

        if (NodePackageCall().IsMatch(file.Code))
        {
            yield return "node";
        }

        // Every way to start the binary goes through these (ProbeCli too), so a shared fixture that does counts for its users.
        if (ExporterStart().IsMatch(file.Code))
        {
            yield return NeedsExporterBinaryAttribute.ExporterBinary;
        }

        foreach (Match tool in ToolCall().Matches(file.Code))
        {
            string name = tool.Groups[1].Value;
            if (ToolsNotMarked.Contains(name))
            {
                continue;
            }

            foreach (string need in ToolNeeds.GetValueOrDefault(name, [name]))
            {
                yield return need;
            }
        }

        // A shared fixture that can work with another (sshd inside a given namespace) does not need it itself.
        if (file.IsSharedFixture)
        {
            yield break;
        }

        if (file.Names.Contains("NetworkNamespace"))
        {
            yield return "netns";
            yield return "root";
        }

        if (file.Names.Contains("SshdFixture"))
        {
            yield return "sshd";
        }

        if (file.Names.Contains("Podman"))
        {
            yield return "podman";
            yield return "root";
        }
    }

    private static List<SourceFile> SourceFiles() =>
        [.. Directory.EnumerateFiles(TestsRoot, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(TestsRoot, path).Split(Path.DirectorySeparatorChar)[0].Equals("bin", StringComparison.Ordinal)
                && !Path.GetRelativePath(TestsRoot, path).Split(Path.DirectorySeparatorChar)[0].Equals("obj", StringComparison.Ordinal)
                && Path.GetFileNameWithoutExtension(path) != nameof(NeedsTraitsTests))
            .Select(path => new SourceFile(path, Path.GetRelativePath(TestsRoot, path).StartsWith("Fixtures", StringComparison.Ordinal), File.ReadAllText(path)))];

    /// <summary>One .cs file of the test project, its comments left out.</summary>
    private sealed record SourceFile(string Path, bool IsSharedFixture, string Text)
    {
        public string Code { get; } = Comment().Replace(Text, "");

        public HashSet<string> Names { get; } = [.. Word().Matches(Comment().Replace(Text, "")).Select(match => match.Value)];

        // From the code only: prose such as "a class That" declares nothing.
        public HashSet<string> Declares { get; } = [.. Declaration().Matches(Comment().Replace(Text, "")).Select(match => match.Groups[1].Value)];
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Word();

    /// <summary>Type names start upper case, unlike <c>var record in records</c>.</summary>
    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"Requires\.Root\(\)")]
    private static partial Regex RootCall();

    [GeneratedRegex(@"Requires\.NodePackage\(")]
    private static partial Regex NodePackageCall();

    [GeneratedRegex(@"\bExporterProcess\.(?:Executable|Start|StartCommand|RunAsync)\b")]
    private static partial Regex ExporterStart();

    [GeneratedRegex(@"Requires\.Tool\(""([^""]+)""")]
    private static partial Regex ToolCall();
}
