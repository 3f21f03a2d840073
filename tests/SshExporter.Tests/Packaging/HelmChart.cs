using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>One rendered Kubernetes object and the template it came from.</summary>
public sealed record RenderedObject(string Source, JsonObject Manifest)
{
    public string Kind => HelmChart.Str(Manifest, "kind");

    public string Name => HelmChart.Str(Manifest["metadata"], "name");

    public override string ToString() => $"{Kind}/{Name} ({Source})";
}

/// <summary>
/// The Helm chart helm/ssh-exporter, rendered by tests/helm-render: Helm's template engine rebuilt from Go's
/// text/template and sprig (Debian's golang-go and golang-github-masterminds-sprig-dev), since no helm binary can
/// be installed here. The renderer is built once per version of its source into the system temp directory, in
/// GOPATH mode against Debian's Go packages, without any module download.
/// </summary>
public static class HelmChart
{
    public const string Directory = "helm/ssh-exporter";

    /// <summary>Where Debian installs Go packages' source (golang-*-dev).</summary>
    private const string DebianGoPath = "/usr/share/gocode";

    private static readonly TimeSpan RenderLimit = TimeSpan.FromSeconds(30);

    private static readonly Lazy<Task<string>> Renderer = new(BuildRendererAsync);

    /// <summary>"" for the chart's own values.yaml, then each ci/*-values.yaml, by path inside the chart.</summary>
    public static IReadOnlyList<string> ValueSets { get; } =
    [
        "",
        .. System.IO.Directory.GetFiles(RepositoryRoot.Combine($"{Directory}/ci"), "*-values.yaml")
            .Select(path => $"ci/{Path.GetFileName(path)}").Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> All => [.. ValueSets];

    public static string PathOf(string relative) => RepositoryRoot.Combine($"{Directory}/{relative}");

    /// <summary>
    /// Runs the renderer on the chart with the values of <paramref name="valueSet"/> (a path inside the chart, or
    /// "" for the defaults) and then <paramref name="moreValues"/> (full paths); <paramref name="output"/> is
    /// yaml, json, values or notes. Fails the test unless it renders.
    /// </summary>
    public static async Task<string> RenderAsync(string output, string valueSet, params string[] moreValues)
    {
        var run = await TryRenderAsync(RepositoryRoot.Combine(Directory), output, [.. ValueFiles(valueSet), .. moreValues]);
        Assert.True(run.ExitCode == 0, $"the chart does not render with {Describe(valueSet, moreValues)}: {run}");
        return run.Stdout;
    }

    /// <summary>Runs the renderer on any chart directory; the result says whether it rendered.</summary>
    public static async Task<ExternalCommand.Result> TryRenderAsync(string chart, string output, IEnumerable<string> valueFiles)
    {
        string renderer = await RendererAsync();
        string[] arguments = ["-output", output, .. valueFiles.SelectMany(file => new[] { "-f", file }), chart];
        return await ExternalCommand.RunAsync(renderer, arguments, RenderLimit, TestContext.Current.CancellationToken);
    }

    /// <summary>The rendered objects, read from the renderer's JSON: each manifest as Kubernetes would read it.</summary>
    public static async Task<IReadOnlyList<RenderedObject>> ObjectsAsync(string valueSet, params string[] moreValues)
    {
        var rendered = JsonNode.Parse(await RenderAsync("json", valueSet, moreValues))!.AsArray();
        return [.. rendered.Select(item => new RenderedObject(Str(item, "source"), item!["object"]!.AsObject()))];
    }

    /// <summary>The merged values the chart rendered with, as Helm checks them against values.schema.json.</summary>
    public static async Task<JsonObject> ValuesAsync(string valueSet) =>
        JsonNode.Parse(await RenderAsync("values", valueSet))!.AsObject();

    public static string Describe(string valueSet, params string[] moreValues) =>
        string.Join(" + ", new[] { valueSet.Length == 0 ? "values.yaml" : valueSet }.Concat(moreValues.Select(Path.GetFileName)));

    /// <summary>The workloads' pod specs: the Deployment's and the DaemonSet's.</summary>
    public static IEnumerable<(RenderedObject Workload, JsonObject Pod)> PodSpecs(IEnumerable<RenderedObject> objects) =>
        objects.Where(o => o.Kind is "Deployment" or "DaemonSet").Select(o => (o, o.Manifest["spec"]!["template"]!["spec"]!.AsObject()));

    /// <summary>The single object of <paramref name="kind"/>; fails unless there is exactly one.</summary>
    public static RenderedObject One(IEnumerable<RenderedObject> objects, string kind, string? component = null) =>
        Assert.Single(objects, o => o.Kind == kind && (component is null || Label(o.Manifest, "app.kubernetes.io/component") == component));

    public static string? Label(JsonNode? obj, string name) => obj?["metadata"]?["labels"]?[name]?.GetValue<string>();

    /// <summary>The string at <paramref name="key"/>, or "" when there is none.</summary>
    public static string Str(JsonNode? node, string key) => node is JsonObject obj && obj[key] is JsonValue value ? value.ToString() : "";

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static IEnumerable<string> ValueFiles(string valueSet) => valueSet.Length == 0 ? [] : [PathOf(valueSet)];

    private static Task<string> RendererAsync()
    {
        Requires.Tool("go");
        Assert.SkipUnless(
            System.IO.Directory.Exists($"{DebianGoPath}/src/github.com/Masterminds/sprig"),
            "needs Debian's golang-github-masterminds-sprig-dev (scripts/test installs it)");
        return Renderer.Value;
    }

    /// <summary>Builds tests/helm-render into a directory named by the hash of its source, unless it is there already.</summary>
    private static async Task<string> BuildRendererAsync()
    {
        string[] sources = [.. System.IO.Directory.GetFiles(RepositoryRoot.Combine("tests/helm-render"), "*.go").Order(StringComparer.Ordinal)];
        string hash = Sha256(string.Concat(sources.Select(File.ReadAllText)))[..16];
        string cache = Path.Combine(Path.GetTempPath(), "ssh-exporter-helm-render");
        string binary = Path.Combine(cache, hash, "helm-render");
        if (File.Exists(binary))
        {
            return binary;
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
        string building = $"{binary}.{Environment.ProcessId}";
        await ExternalCommand.RunCheckedAsync(
            "env",
            [
                "GO111MODULE=off", $"GOPATH={cache}/gopath:{DebianGoPath}", $"GOCACHE={cache}/gocache", "GOFLAGS=",
                "go", "build", "-o", building, .. sources,
            ],
            CancellationToken.None,
            TimeSpan.FromMinutes(3));
        File.Move(building, binary, overwrite: true);
        return binary;
    }
}
