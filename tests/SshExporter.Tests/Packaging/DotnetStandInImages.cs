using System.Runtime.InteropServices;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// Stand-ins for the .NET base images that the Dockerfile names, as no registry is reachable: Debian bookworm from
/// mmdebstrap, dressed as the real images by the Containerfiles of tests/containers. The SDK image is this machine's
/// own .NET install (the SDK that built these tests) with clang and zlib's headers, as the SDK's -aot image has them,
/// and a NuGet config for a mounted package cache; the runtime-deps image holds only the libraries a Native AOT
/// program links, its environment and the user app; the chiseled one has no shell and no zlib, and runs as user 1654.
/// The SDK image's name carries the SDK versions it holds, so a new SDK gets a new image.
/// </summary>
public static class DotnetStandInImages
{
    /// <summary>The three stand-ins, by the build argument of the Dockerfile each one is passed as.</summary>
    public sealed record Tags(string Sdk, string Runtime, string SidecarBase);

    /// <summary>The root of the .NET install that runs this process, the folder holding <c>dotnet</c> and <c>sdk/</c>.</summary>
    private static string DotnetRoot => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public static async Task<Tags> BuildAsync(CancellationToken cancellationToken)
    {
        Task<string> runtimeDepsRootfs = RuntimeDepsRootfsAsync(cancellationToken);
        Task<string> sdkRootfs = SdkRootfsAsync(cancellationToken);
        await Task.WhenAll(runtimeDepsRootfs, sdkRootfs);

        string runtimeDeps = await DressAsync("runtime-deps.Containerfile", await runtimeDepsRootfs, "localhost/ssh-exporter-test-runtime-deps:10.0", cancellationToken);
        string chiseled = await DressAsync("runtime-deps-chiseled.Containerfile", runtimeDeps, "localhost/ssh-exporter-test-runtime-deps:10.0-chiseled", cancellationToken);
        string sdk = await DressAsync("sdk.Containerfile", await sdkRootfs, "localhost/ssh-exporter-test-sdk:10.0-aot", cancellationToken);
        return new Tags(sdk, chiseled, runtimeDeps);
    }

    /// <summary>
    /// The runtime-deps images' libraries (glibc and libgcc come with every Debian), CA certificates and the user app
    /// (1654). Variant apt: the sidecar stage installs its tools with apt-get.
    /// </summary>
    private static Task<string> RuntimeDepsRootfsAsync(CancellationToken cancellationToken) =>
        Podman.DebianImageAsync(
            "runtime-deps-rootfs",
            ["libssl3", "libstdc++6", "ca-certificates"],
            [
                """echo 'app:x:1654:1654::/home/app:/bin/false' >> "$1/etc/passwd" && echo 'app:x:1654:' >> "$1/etc/group" """,
                """install -d -m 0755 -o 1654 -g 1654 "$1/home/app" """,
            ],
            cancellationToken,
            variant: "apt");

    /// <summary>This machine's whole .NET install (SDKs, runtimes, packs) in /usr/share/dotnet, ICU as the SDK image has it, and the Native AOT toolchain.</summary>
    private static Task<string> SdkRootfsAsync(CancellationToken cancellationToken)
    {
        string root = DotnetRoot;
        var sdks = Directory.GetDirectories(Path.Combine(root, "sdk")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return Podman.DebianImageAsync(
            $"sdk-aot-rootfs-{string.Join('-', sdks)}",
            ["libicu72", "libssl3", "libstdc++6", "zlib1g", "ca-certificates", "clang", "zlib1g-dev"],
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
