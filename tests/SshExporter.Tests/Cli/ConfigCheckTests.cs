using SshExporter.Tests.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Cli;

/// <summary><c>--config.check</c>: the real binary validates a configuration as a start would, says so, and exits.</summary>
[NeedsExporterBinary]
public class ConfigCheckTests
{
    [Fact]
    public async Task A_valid_file_is_summarised_and_exits_0()
    {
        string path = ExporterUnderTest.WriteConfig("modules: {slow: {timeout: 9s}}\ntargets: [{address: \"127.0.0.1:22\"}, {address: \"localhost:2222\", module: slow}]\n");

        var (exitCode, output) = await ExporterProcess.RunAsync("--config.check", $"--config.file={path}");

        Assert.Equal(0, exitCode);
        Assert.Contains($"{path}: valid: 2 module(s), 2 target(s), sidecar off", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_prints_the_one_line_reason_and_exits_1_without_serving()
    {
        string path = ExporterUnderTest.WriteConfig("targets: [{address: \"127.0.0.1:0\"}]\n");

        var (exitCode, output) = await ExporterProcess.RunAsync("--config.check", $"--config.file={path}");

        Assert.Equal(1, exitCode);
        Assert.Equal($"{path}:1:21: port 0 is outside 1-65535", output.Trim());
    }

    /// <summary>The errors YAML parsing finds (those with a line and column), from the test data of the loader's own tests.</summary>
    public static TheoryData<string, string> ParseErrorCases =>
        new(ConfigLoaderTests.InvalidFiles.Where(pair => char.IsAsciiDigit(pair.Value[1])).Select(pair => (pair.Key, pair.Value)));

    /// <summary>
    /// The binary prints them word for word as the loader gives them in this process: a Native AOT build, whose YAML
    /// reading must do without reflection, may not change one.
    /// </summary>
    [Theory]
    [MemberData(nameof(ParseErrorCases))]
    public async Task A_parse_error_reads_the_same_from_the_binary(string file, string expected)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "testdata", "config", file);

        var (exitCode, output) = await ExporterProcess.RunAsync("--config.check", $"--config.file={path}");

        Assert.Equal(1, exitCode);
        Assert.Equal(path + expected, output.Trim());
    }

    [Fact]
    public async Task The_embedded_default_is_valid()
    {
        var (exitCode, output) = await ExporterProcess.RunAsync("--config.check");

        Assert.Equal(0, exitCode);
        Assert.Contains("(embedded default): valid: 1 module(s), 1 target(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_config_file_is_checked_too()
    {
        string good = ExporterUnderTest.WriteConfig("basic_auth_users:\n  prometheus: $2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG\n");
        string bad = ExporterUnderTest.WriteConfig("tls_server_config: {cert_file: missing.crt, key_file: missing.key}\n");

        var (goodExit, goodOutput) = await ExporterProcess.RunAsync("--config.check", $"--web.config.file={good}");
        var (badExit, badOutput) = await ExporterProcess.RunAsync("--config.check", $"--web.config.file={bad}");

        Assert.Equal(0, goodExit);
        Assert.Contains($"{good}: valid: TLS off, 1 basic auth user(s)", goodOutput, StringComparison.Ordinal);
        Assert.Equal(1, badExit);
        Assert.Equal($"{bad}: tls_server_config.cert_file: cannot read the file: No such file or directory", badOutput.Trim());
    }
}
