using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// Stand-ins for the .NET base images that the Dockerfile names, as no registry is reachable: Debian bookworm from
/// mmdebstrap with this machine's own .NET (the runtimes these tests run on, the SDK that built them), then
/// dressed as the real images by the Containerfiles of tests/containers: the SDK image with a NuGet config for a
/// mounted package cache, the ASP.NET image with its environment, and the chiseled one without a shell, as user
/// 1654. Each image's name carries the .NET versions it holds, so a new SDK or runtime gets new images.
/// </summary>
public static class DotnetStandInImages
{
    /// <summary>The three stand-ins, by the build argument of the Dockerfile each one is passed as.</summary>
    public sealed record Tags(string Sdk, string Runtime, string SidecarBase);

    /// <summary>The root of the .NET install that runs this process, the folder holding <c>dotnet</c> and <c>shared/</c>.</summary>
    private static string DotnetRoot => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public static async Task<Tags> BuildAsync(CancellationToken cancellationToken)
    {
        Task<string> runtimeRootfs = RuntimeRootfsAsync(cancellationToken);
        Task<string> sdkRootfs = SdkRootfsAsync(cancellationToken);
        await Task.WhenAll(runtimeRootfs, sdkRootfs);

        string aspnet = await DressAsync("aspnet.Containerfile", await runtimeRootfs, "localhost/ssh-exporter-test-aspnet:10.0", cancellationToken);
        string chiseled = await DressAsync("aspnet-chiseled.Containerfile", aspnet, "localhost/ssh-exporter-test-aspnet:10.0-chiseled", cancellationToken);
        string sdk = await DressAsync("sdk.Containerfile", await sdkRootfs, "localhost/ssh-exporter-test-sdk:10.0", cancellationToken);
        return new Tags(sdk, chiseled, aspnet);
    }

    /// <summary>
    /// The .NET and ASP.NET Core runtimes of this process in /usr/share/dotnet, as the ASP.NET images have them, with
    /// /usr/bin/dotnet and the user app (1654). Variant apt: the sidecar stage installs its tools with apt-get.
    /// </summary>
    private static Task<string> RuntimeRootfsAsync(CancellationToken cancellationToken)
    {
        string netcore = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        string aspnetcore = Path.GetDirectoryName(typeof(WebApplication).Assembly.Location)!;
        string root = DotnetRoot;
        return Podman.DebianImageAsync(
            $"aspnet-rootfs-{Path.GetFileName(netcore)}-{Path.GetFileName(aspnetcore)}",
            ["libssl3", "libstdc++6", "ca-certificates"],
            [
                $"""mkdir -p "$1/usr/share/dotnet/shared/Microsoft.NETCore.App" "$1/usr/share/dotnet/shared/Microsoft.AspNetCore.App" """,
                $"""cp -a '{root}/dotnet' '{root}/host' "$1/usr/share/dotnet/" """,
                $"""cp -a '{netcore}' "$1/usr/share/dotnet/shared/Microsoft.NETCore.App/" """,
                $"""cp -a '{aspnetcore}' "$1/usr/share/dotnet/shared/Microsoft.AspNetCore.App/" """,
                """ln -s /usr/share/dotnet/dotnet "$1/usr/bin/dotnet" """,
                """echo 'app:x:1654:1654::/home/app:/bin/false' >> "$1/etc/passwd" && echo 'app:x:1654:' >> "$1/etc/group" """,
                """install -d -m 0755 -o 1654 -g 1654 "$1/home/app" """,
            ],
            cancellationToken,
            variant: "apt");
    }

    /// <summary>This machine's whole .NET install (SDKs, runtimes, packs) in /usr/share/dotnet, and ICU as the SDK image has it.</summary>
    private static Task<string> SdkRootfsAsync(CancellationToken cancellationToken)
    {
        string root = DotnetRoot;
        var sdks = Directory.GetDirectories(Path.Combine(root, "sdk")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return Podman.DebianImageAsync(
            $"sdk-rootfs-{string.Join('-', sdks)}",
            ["libicu72", "libssl3", "libstdc++6", "zlib1g", "ca-certificates"],
            [
                $"""cp -a '{root}' "$1/usr/share/dotnet" """,
                """ln -s /usr/share/dotnet/dotnet "$1/usr/bin/dotnet" """,
            ],
            cancellationToken);
    }

    /// <summary>Builds tests/containers/<paramref name="containerfile"/> on <paramref name="baseImage"/> as <paramref name="tag"/>; podman's layer cache makes a rebuild instant.</summary>
    private static async Task<string> DressAsync(string containerfile, string baseImage, string tag, CancellationToken cancellationToken)
    {
        string context = RepositoryRoot.Combine("tests/containers");
        await Podman.RunCheckedAsync(
            ["build", "--quiet", "--pull=never", "--network=none", "--build-arg", $"BASE_IMAGE={baseImage}",
                "--file", Path.Combine(context, containerfile), "--tag", tag, context],
            TimeSpan.FromMinutes(5), cancellationToken);
        return tag;
    }
}
