using SshExporter.Tests.Fixtures;
using Xunit.Sdk;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// The project's own Dockerfile, built once for every test of <see cref="ContainerImageTests"/>: its default target
/// (the exporter) and its sidecar target, on the stand-ins of <see cref="DotnetStandInImages"/> passed as its build
/// arguments. The restore runs without a network, from this machine's NuGet package cache mounted into the build;
/// only the sidecar's apt-get goes out, to Debian's mirror. The images stay, tagged, so that the next run reuses
/// their layers (the SDK stand-in's gigabyte is shared with them, not copied). The build stage's Native AOT publish
/// takes a few minutes on a loaded machine; the sidecar build reuses it.
/// </summary>
public sealed class ContainerImages : IAsyncLifetime
{
    public const string ExporterTag = "localhost/ssh-exporter-test-exporter:latest";
    public const string SidecarTag = "localhost/ssh-exporter-test-sidecar:latest";

    /// <summary>Where the SDK stand-in's NuGet config (tests/containers/NuGet.Config) looks for packages.</summary>
    private const string PackageMount = "/nuget-packages";

    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(15);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Skips the calling test, saying what is missing, unless this machine can build and run the images.</summary>
    public static void Require()
    {
        Podman.Require();
        foreach (string tool in new[] { "ip", "socat", "sshd", "ssh-keygen", "dotnet" })
        {
            Requires.Tool(tool);
        }
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            Require();
        }
        catch (SkipException)
        {
            return; // every test skips with the reason, from its own call of Require
        }

        var bases = await DotnetStandInImages.BuildAsync(Token);
        string packages = await GlobalPackagesFolderAsync();
        string[] build =
        [
            "build", "--format", "docker", "--pull=never",
            "--volume", $"{packages}:{PackageMount}:ro",
            "--build-arg", $"SDK_IMAGE={bases.Sdk}",
            "--build-arg", $"RUNTIME_IMAGE={bases.Runtime}",
            "--build-arg", $"SIDECAR_BASE_IMAGE={bases.SidecarBase}",
        ];
        await Podman.RunCheckedAsync([.. build, "--network=none", "--tag", ExporterTag, RepositoryRoot.Path], BuildLimit, Token);
        // The sidecar stage's apt-get needs Debian's mirror; the restore stays offline all the same, as the SDK
        // stand-in knows no package source but the mounted cache (and reuses the first build's layers anyway).
        await Podman.RunCheckedAsync([.. build, "--network=host", "--target", "sidecar", "--tag", SidecarTag, RepositoryRoot.Path], BuildLimit, Token);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The NuGet global packages folder that restored this repository (<c>~/.nuget/packages</c> unless configured).</summary>
    private static async Task<string> GlobalPackagesFolderAsync()
    {
        const string Prefix = "global-packages: ";
        string output = await ExternalCommand.RunCheckedAsync(Requires.Tool("dotnet"), ["nuget", "locals", "global-packages", "--list"], Token, TimeSpan.FromSeconds(60));
        string? line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"`dotnet nuget locals global-packages --list` named no folder: {output}");
        return Path.TrimEndingDirectorySeparator(line[Prefix.Length..]);
    }
}
