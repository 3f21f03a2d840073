# ssh-exporter's container images (docs/container.md says what each one can check and how to run it):
#   default target    the exporter on .NET's chiseled runtime-deps image: no shell, no package manager, user 1654;
#   --target sidecar  the exporter with sshd (for `sshd -t` only), iptables and nftables, for the sidecar
#                     checks on an SSH server's host; runs as root.
#
#   docker build -t ssh-exporter .
#   podman build --format docker -t ssh-exporter .    (podman's default OCI format has no HEALTHCHECK)
#
# The Native AOT build (README's Building): one native binary and libsodium, no .NET runtime in the image. It starts
# in about 30 ms instead of 350, holds half the memory, and serves more /probe requests while a JIT build would still
# be warming up, about as many once warm (bench/run); so the runtime-deps images (glibc, OpenSSL,
# libstdc++, CA certificates) are the bases, not the ASP.NET ones, and a runtime fix arrives by rebuilding.
# The base images are build arguments so that a mirror or a pinned digest can be used.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
ARG SIDECAR_BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
# The same version as Directory.Build.props (a test holds them together).
ARG VERSION=0.1.0

# The build runs on the target's platform: Native AOT compiles and links for the machine it runs on, and the
# linker for another architecture is not in the SDK image. So `docker buildx build --platform linux/amd64,linux/arm64 .`
# needs a builder of each architecture (`docker buildx create --append` with an arm64 node); under QEMU the .NET
# SDK is not supported. Cross-compiling from one platform is possible but not done here: it takes the SDK's -aot
# image of the build machine (mcr.microsoft.com/dotnet/sdk:10.0-noble-aot) plus the target's cross toolchain and
# libraries from apt (gcc-aarch64-linux-gnu, zlib1g-dev:arm64), as Microsoft's releasesapi sample does.
FROM ${SDK_IMAGE} AS build
# The native toolchain: clang links the binary, zlib's headers are among Native AOT's prerequisites. The SDK's -aot
# images (SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble-aot) already have them, and then nothing is fetched.
RUN command -v clang >/dev/null \
 || { apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang zlib1g-dev \
      && rm -rf /var/lib/apt/lists/*; }
WORKDIR /src
# Restore from the project file and the build settings alone, so that a change to the code reuses this layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/SshExporter/SshExporter.csproj src/SshExporter/
RUN dotnet restore src/SshExporter/SshExporter.csproj --use-current-runtime -p:PublishAot=true
COPY src/SshExporter/ src/SshExporter/
# Analyzers and code style are enforced where the code is built for review, not again here (the trim and AOT
# analysis of the publish itself still runs); the program runs with invariant globalization, so the libraries'
# translated resources would never be read; no compiler or MSBuild server outlives the step to leave its sockets in
# the layer; and the debug symbols (ssh_exporter.dbg, as large as the binary) stay in the build stage.
RUN dotnet publish src/SshExporter/SshExporter.csproj --use-current-runtime -p:PublishAot=true --no-restore \
      --disable-build-servers -c Release -o /app \
      -p:RunAnalyzers=false -p:GenerateDocumentationFile=false -p:SatelliteResourceLanguages=en \
 && rm -f /app/*.dbg


FROM ${SIDECAR_BASE_IMAGE} AS sidecar
ARG VERSION
LABEL org.opencontainers.image.title="ssh-exporter (sidecar)" \
      org.opencontainers.image.description="Prometheus exporter that tells apart the ways an SSH port fails; with sshd, iptables and nftables for the checks on the SSH server's own host" \
      org.opencontainers.image.source="https://github.com/ssh-exporter/ssh-exporter" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}"
# sshd is here for `sshd -t` alone and is never started: the host keys it loads are the host's, mounted in, so the
# ones the package generates are removed (an image must not ship private keys). /run/sshd is the privilege
# separation directory that `sshd -t` insists on and that systemd would create.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server iptables nftables \
 && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub \
 && mkdir -p /run/sshd
# As in the exporter stage below.
ENV ASPNETCORE_HTTP_PORTS= \
    DOTNET_EnableDiagnostics=0
COPY LICENSE /app/LICENSE
COPY --from=build /app /app
COPY examples/container/sidecar.yml /etc/ssh-exporter/config.yml
EXPOSE 9722
# Root: `sshd -t` must read the host keys (root's alone) and iptables-save and nft need CAP_NET_ADMIN, which a
# container cannot give a user other than root.
USER 0:0
HEALTHCHECK CMD ["/app/ssh_exporter", "healthcheck"]
ENTRYPOINT ["/app/ssh_exporter"]
CMD ["--config.file=/etc/ssh-exporter/config.yml"]


# The default target, last so that a plain build gives it. Nothing here may RUN: the chiseled image has no shell.
FROM ${RUNTIME_IMAGE} AS exporter
ARG VERSION
LABEL org.opencontainers.image.title="ssh-exporter" \
      org.opencontainers.image.description="Prometheus exporter that tells apart the ways an SSH port fails" \
      org.opencontainers.image.source="https://github.com/ssh-exporter/ssh-exporter" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}"
# ASPNETCORE_HTTP_PORTS: the base image's port 8080 would only make Kestrel warn that --web.listen-address wins.
# DOTNET_EnableDiagnostics=0: no diagnostics socket in /tmp, which a read-only root filesystem refuses, should a
# build ever include the diagnostics server (a Native AOT build has none unless asked for); nothing else is written,
# so no path needs to be writable.
ENV ASPNETCORE_HTTP_PORTS= \
    DOTNET_EnableDiagnostics=0
COPY LICENSE /app/LICENSE
COPY --from=build /app /app
COPY examples/container/config.yml /etc/ssh-exporter/config.yml
EXPOSE 9722
# 1654 is $APP_UID, the .NET images' user "app"; numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 1654:1654
# The exporter asks its own /-/healthy: the image has no shell, curl or wget to do it.
HEALTHCHECK CMD ["/app/ssh_exporter", "healthcheck"]
ENTRYPOINT ["/app/ssh_exporter"]
CMD ["--config.file=/etc/ssh-exporter/config.yml"]
