using System.Text.Json.Nodes;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// tests/helm-render behaves as Helm 3's engine where the chart relies on it: a small chart of its own exercises
/// each behaviour, and the expected results are Helm's (values merged as Helm merges them and read as float64
/// through JSON, toYaml through sigs.k8s.io/yaml, .Files without the chart's own files, partials not rendered,
/// missing values printing nothing, required and fail stopping the render).
/// </summary>
[NeedsTool("go")]
public class HelmRenderTests
{
    /// <summary>A template of two documents between separators that leave empty documents, which are dropped.</summary>
    private const string Template = """
        ---
        kind: Check
        include: {{ include "demo.greeting" "world" | quote }}
        number: {{ .Values.number }}
        printedBig: {{ .Values.big | quote }}
        big: {{ .Values.big }}
        merged:
          {{- toYaml .Values.map | nindent 2 }}
        list: {{ toJson .Values.list }}
        removedIsGone: {{ not (hasKey .Values "removed") }}
        missing: "{{ .Values.nothing }}"
        file: {{ .Files.Get "files/a.txt" | quote }}
        valuesIsNoFile: {{ .Files.Get "values.yaml" | quote }}
        glob:
          {{- (.Files.Glob "files/*.txt").AsConfig | nindent 2 }}
        chart: {{ printf "%s %s %s" .Chart.Name .Chart.Version .Chart.AppVersion | quote }}
        release: {{ printf "%s %s %s" .Release.Name .Release.Namespace .Release.Service | quote }}
        template: {{ printf "%s %s" .Template.Name .Template.BasePath | quote }}
        tpl: {{ tpl "{{ .Values.number }} {{ .Chart.Name }}" . | quote }}
        {{- if .Values.demand }}
        required: {{ required "demand needs a value for x" .Values.x }}
        {{- end }}
        ---
        kind: Second
        ---
        """;

    [Fact]
    public async Task It_renders_as_Helm_does()
    {
        using var directory = new TempDirectory();
        string chart = WriteChart(directory);
        string overrides = directory.Write("override.yaml", "map: {b: {d: 3}}\nlist: [9]\nremoved: null\n");

        var run = await HelmChart.TryRenderAsync(chart, "json", [overrides]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var documents = JsonNode.Parse(run.Stdout)!.AsArray();
        Assert.Equal(["demo/templates/check.yaml", "demo/templates/check.yaml"], documents.Select(d => HelmChart.Str(d, "source")));
        var check = documents[0]!["object"]!;
        Assert.Equal("hello world", HelmChart.Str(check, "include"));
        Assert.Equal("1654", HelmChart.Str(check, "number"));
        Assert.Equal("1e+06", HelmChart.Str(check, "printedBig"));
        Assert.Equal("""{"a":1,"b":{"c":2,"d":3}}""", check["merged"]!.ToJsonString());
        Assert.Equal("[9]", check["list"]!.ToJsonString());
        Assert.True(check["removedIsGone"]!.GetValue<bool>());
        Assert.Equal("", HelmChart.Str(check, "missing"));
        Assert.Equal("from a\n", HelmChart.Str(check, "file"));
        Assert.Equal("", HelmChart.Str(check, "valuesIsNoFile"));
        Assert.Equal("""{"a.txt":"from a\n","b.txt":"from b"}""", check["glob"]!.ToJsonString());
        Assert.Equal("demo 1.2.3 4.5", HelmChart.Str(check, "chart"));
        Assert.Equal("release-name default Helm", HelmChart.Str(check, "release"));
        Assert.Equal("demo/templates/check.yaml demo/templates", HelmChart.Str(check, "template"));
        Assert.Equal("1654 demo", HelmChart.Str(check, "tpl"));
    }

    [Fact]
    public async Task ToYaml_sorts_keys_and_writes_numbers_through_JSON()
    {
        using var directory = new TempDirectory();

        var run = await HelmChart.TryRenderAsync(WriteChart(directory), "yaml", []);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\n# Source: demo/templates/check.yaml\nkind: Check\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nbig: 1e+06\nmerged:\n  a: 1\n  b:\n    c: 2\n", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("_helpers", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTES", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_and_fail_stop_the_render_with_their_message()
    {
        using var directory = new TempDirectory();
        string chart = WriteChart(directory);
        directory.Write("chart/templates/failing.yaml", "{{ if .Values.failNow }}{{ fail \"failNow was set\" }}{{ end }}\n");
        string demand = directory.Write("demand.yaml", "demand: true\n");
        string failNow = directory.Write("fail.yaml", "failNow: true\n");

        var required = await HelmChart.TryRenderAsync(chart, "json", [demand]);
        var failed = await HelmChart.TryRenderAsync(chart, "json", [failNow]);

        Assert.True(required.ExitCode != 0 && required.Stderr.Contains("demand needs a value for x", StringComparison.Ordinal), required.ToString());
        Assert.True(failed.ExitCode != 0 && failed.Stderr.Contains("failNow was set", StringComparison.Ordinal), failed.ToString());
    }

    [Fact]
    public async Task The_notes_render_apart_from_the_manifests()
    {
        using var directory = new TempDirectory();

        var notes = await HelmChart.TryRenderAsync(WriteChart(directory), "notes", []);

        Assert.True(notes.ExitCode == 0, notes.ToString());
        Assert.Equal("Installed demo as release-name.\n", notes.Stdout);
    }

    /// <summary>Writes a chart of its own into <paramref name="directory"/>'s chart/ and returns that path.</summary>
    private static string WriteChart(TempDirectory directory)
    {
        directory.Write("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: \"4.5\"\n");
        directory.Write("chart/values.yaml", "number: 1654\nbig: 1000000\nmap: {a: 1, b: {c: 2}}\nlist: [1, 2]\nremoved: present\ndemand: false\n");
        directory.Write("chart/files/a.txt", "from a\n");
        directory.Write("chart/files/b.txt", "from b");
        directory.Write("chart/templates/_helpers.tpl", "{{- define \"demo.greeting\" -}}hello {{ . }}{{- end }}\n");
        directory.Write("chart/templates/check.yaml", Template + "\n");
        directory.Write("chart/templates/NOTES.txt", "Installed {{ .Chart.Name }} as {{ .Release.Name }}.\n");
        return Path.Combine(directory.Path, "chart");
    }
}
