using System.Security.Cryptography;
using System.Text;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// podman as the tests use it: as root, with the settings of tests/containers/containers.conf, and with base
/// images built here from Debian's packages by mmdebstrap, because no container registry is reachable.
/// </summary>
public static class Podman
{
    public static string ConfFile => RepositoryRoot.Combine("tests/containers/containers.conf");

    /// <summary>Skips unless podman and mmdebstrap can run: root, and both installed (scripts/test installs them).</summary>
    public static void Require()
    {
        Requires.Root();
        Requires.Tool("podman");
        Requires.Tool("mmdebstrap");
    }

    /// <summary>Runs <c>podman ARGS</c> to completion.</summary>
    public static Task<ExternalCommand.Result> RunAsync(IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync("env", [$"CONTAINERS_CONF={ConfFile}", "podman", .. arguments], limit, cancellationToken);

    /// <summary>Runs <c>podman ARGS</c> and fails the test, showing its output, unless it exits 0; returns its stdout.</summary>
    public static async Task<string> RunCheckedAsync(IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken)
    {
        string[] args = [.. arguments];
        var result = await RunAsync(args, limit, cancellationToken);
        Assert.True(result.ExitCode == 0, $"`podman {string.Join(' ', args)}` failed: {result}");
        return result.Stdout;
    }

    /// <summary>
    /// A local image of Debian bookworm with <paramref name="packages"/>, built by mmdebstrap and imported as
    /// <c>localhost/ssh-exporter-test-NAME:HASH</c>; the tag hashes the recipe, so a kept image is reused only while
    /// the recipe is the same. <paramref name="customize"/> are mmdebstrap <c>--customize-hook</c> commands
    /// (<c>"$1"</c> is the new root).
    /// </summary>
    public static async Task<string> DebianImageAsync(
        string name, IReadOnlyList<string> packages, IReadOnlyList<string> customize, CancellationToken cancellationToken, string variant = "essential")
    {
        string recipe = string.Join('\n', [variant, .. packages, "--", .. customize]);
        string tag = $"localhost/ssh-exporter-test-{name}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)))[..12]}";
        if ((await RunAsync(["image", "exists", tag], TimeSpan.FromSeconds(30), cancellationToken)).ExitCode == 0)
        {
            return tag;
        }

        using var directory = new TempDirectory();
        string tarball = Path.Combine(directory.Path, "rootfs.tar");
        List<string> arguments = [$"--variant={variant}", "--quiet"];
        if (packages.Count > 0)
        {
            arguments.Add($"--include={string.Join(',', packages)}");
        }

        arguments.AddRange(customize.Select(hook => $"--customize-hook={hook}"));
        arguments.AddRange(["bookworm", tarball]);
        await ExternalCommand.RunCheckedAsync("mmdebstrap", arguments, cancellationToken, TimeSpan.FromMinutes(10));
        await RunCheckedAsync(["import", tarball, tag], TimeSpan.FromMinutes(5), cancellationToken);
        return tag;
    }
}
