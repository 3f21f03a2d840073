# ssh-exporter's container images (docs/container.md says what each one can check and how to run it):
#   default target    the exporter on .NET's chiseled ASP.NET image: no shell, no package manager, user 1654;
#   --target sidecar  the exporter with sshd (for `sshd -t` only), iptables and nftables, for the sidecar
#                     checks on an SSH server's host; runs as root.
#
#   docker build -t ssh-exporter .
#   podman build --format docker -t ssh-exporter .    (podman's default OCI format has no HEALTHCHECK)
#
# Framework-dependent, not self-contained: the program is about 1.5 MB on top of the ASP.NET image, whose layers
# every other .NET service on the node shares, and the runtime in that image is patched by pulling a new base
# rather than by rebuilding this one. Start-up is the same either way: the framework's assemblies are precompiled
# (ReadyToRun) in the base image just as in a self-contained publish.
# Not Native AOT yet, though that build wins on its own (README's Building: about 45 ms to start instead of half a
# second, half the memory, cold /probe throughput nearly doubled, warm within noise): here it would need clang in
# the build stage and, for an image of another architecture, the SDK's -aot image with that architecture's
# libraries; the image moves to it once that build is tested under podman as this one is.
# The base images are build arguments so that a mirror or a pinned digest can be used.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
ARG SIDECAR_BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
# The same version as Directory.Build.props (a test holds them together).
ARG VERSION=0.1.0

# The SDK runs on the build machine's platform and compiles for the target's (-a), because .NET does not support
# running under QEMU: `docker buildx build --platform linux/amd64,linux/arm64 .` builds both images natively.
FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH
WORKDIR /src
# Restore from the project file and the build settings alone, so that a change to the code reuses this layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/SshExporter/SshExporter.csproj src/SshExporter/
RUN dotnet restore src/SshExporter/SshExporter.csproj -a "$TARGETARCH"
COPY src/SshExporter/ src/SshExporter/
# Analyzers and code style are enforced where the code is built for review, not again here (it halves the build);
# the program runs with invariant globalization, so the libraries' translated resources would never be read; and
# no compiler or MSBuild server outlives the step to leave its sockets in the layer.
RUN dotnet publish src/SshExporter/SshExporter.csproj -a "$TARGETARCH" --no-restore --disable-build-servers -c Release -o /app \
      -p:RunAnalyzers=false -p:GenerateDocumentationFile=false -p:SatelliteResourceLanguages=en


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
# DOTNET_EnableDiagnostics=0: the runtime does not try to create its diagnostics socket in /tmp, which a read-only
# root filesystem refuses; nothing else is written, so no path needs to be writable. (To attach dotnet-trace or
# dotnet-dump, set it to 1 and mount a writable /tmp.)
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
# The apphost finds the runtime in /usr/share/dotnet, where the .NET images put it.
ENTRYPOINT ["/app/ssh_exporter"]
CMD ["--config.file=/etc/ssh-exporter/config.yml"]
