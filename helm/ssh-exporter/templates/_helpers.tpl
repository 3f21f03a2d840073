{{/* The chart's name, or nameOverride. */}}
{{- define "ssh-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's object names: fullnameOverride, else RELEASE-CHART (just RELEASE when it holds the chart's name). */}}
{{- define "ssh-exporter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one component's objects: FULLNAME-COMPONENT. Call with (dict "root" $ "component" "prober"). */}}
{{- define "ssh-exporter.componentName" -}}
{{- printf "%s-%s" (include "ssh-exporter.fullname" .root | trunc 54 | trimSuffix "-") .component }}
{{- end }}

{{/* The labels every object carries, with its component. Call with (dict "root" $ "component" "prober"). */}}
{{- define "ssh-exporter.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ssh-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: ssh-exporter
{{- end }}

{{/* The labels a component's selector matches; they never change over the release's life. */}}
{{- define "ssh-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ssh-exporter.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of the Prometheus Operator objects: the component's and monitoring.labels. */}}
{{- define "ssh-exporter.monitoringLabels" -}}
{{ include "ssh-exporter.labels" . }}
{{- with .root.Values.monitoring.labels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The exporter's image for a component: the sidecar runs the image with sshd and the firewall tools. */}}
{{- define "ssh-exporter.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if eq .component "sidecar" }}
{{- $tag = .root.Values.image.sidecarTag | default (printf "%s-sidecar" $tag) }}
{{- end }}
{{- printf "%s:%s" .root.Values.image.repository $tag }}
{{- end }}

{{/* Where the exporter reads its config file, mounted from the component's ConfigMap. */}}
{{- define "ssh-exporter.configDirectory" -}}
/etc/ssh-exporter
{{- end }}

{{/* The exporter's command line, the same for both modes but for the port. Call with (dict "root" $ "port" 9722 "extraArgs" list). */}}
{{- define "ssh-exporter.args" -}}
- --config.file={{ include "ssh-exporter.configDirectory" . }}/config.yml
- --web.listen-address=:{{ .port }}
- --web.runbook-url={{ .root.Values.runbookBaseUrl }}
- --log.level={{ .root.Values.logLevel }}
{{- if include "ssh-exporter.webConfigEnabled" .root }}
- --web.config.file={{ include "ssh-exporter.webConfigPath" .root }}
{{- end }}
{{- with .extraArgs }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The container's health checks: alive while /-/healthy answers, in the Service while /-/ready does. The
failure thresholds leave room for a slow scrape: a probe is served while the exporter is busy probing.
With webConfig, as webConfig.healthChecks says (values.yaml): httpGet with its scheme; exec, where liveness runs
the image's `ssh_exporter healthcheck` (a 401 asking for basic auth counts as up), every 30 s since each run starts
the binary anew (about 0.01 s of CPU), and readiness only connects; or tcpSocket, when the exporter demands client
certificates that nothing in the pod holds. Call with (dict "root" $ "port" 9722).
*/}}
{{- define "ssh-exporter.healthChecks" -}}
{{- $web := include "ssh-exporter.webConfigEnabled" .root }}
{{- $mode := ternary .root.Values.webConfig.healthChecks "httpGet" (eq $web "true") }}
{{- $scheme := ternary (upper .root.Values.webConfig.scheme) "" (eq $web "true") -}}
livenessProbe:
  {{- if eq $mode "httpGet" }}
  httpGet:
    path: /-/healthy
    port: http
    {{- with $scheme }}
    scheme: {{ . }}
    {{- end }}
  periodSeconds: 10
  {{- else if eq $mode "exec" }}
  exec:
    command:
      - {{ include "ssh-exporter.binary" . }}
      - healthcheck
      - --web.listen-address=:{{ .port }}
      - --web.config.file={{ include "ssh-exporter.webConfigPath" .root }}
  periodSeconds: 30
  {{- else }}
  tcpSocket:
    port: http
  periodSeconds: 10
  {{- end }}
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  {{- if eq $mode "httpGet" }}
  httpGet:
    path: /-/ready
    port: http
    {{- with $scheme }}
    scheme: {{ . }}
    {{- end }}
  {{- else }}
  tcpSocket:
    port: http
  {{- end }}
  periodSeconds: 5
  timeoutSeconds: 5
  failureThreshold: 2
{{- end }}

{{/* The exporter's program in both images (the Dockerfile's ENTRYPOINT). */}}
{{- define "ssh-exporter.binary" -}}
/app/ssh_exporter
{{- end }}

{{/* The pod-level securityContext; the sidecar runs as root when sidecar.runAsRoot (see values.yaml). */}}
{{- define "ssh-exporter.podSecurityContext" -}}
runAsNonRoot: {{ not .asRoot }}
runAsUser: {{ ternary 0 1654 .asRoot }}
runAsGroup: {{ ternary 0 1654 .asRoot }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The container's securityContext: nothing writable but /tmp, no privilege escalation, only the capabilities given. */}}
{{- define "ssh-exporter.containerSecurityContext" -}}
{{ include "ssh-exporter.podSecurityContext" . }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
  {{- with .add }}
  add:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/*
Relabelling of a /probe target, as examples/prometheus/probe.yml does after it sets __param_target: `instance`
is the target, `host` the target without its port (host, host:port, [v6]:port or a bare IPv6 address), `port`
the probed port (the exporter dials 22 when the target names none). A Probe gets the first rule from the
Operator, which writes it for every static target.
*/}}
{{- define "ssh-exporter.targetInstanceRelabeling" -}}
- sourceLabels: [__param_target]
  targetLabel: instance
{{- end }}
{{- define "ssh-exporter.targetHostPortRelabelings" -}}
- sourceLabels: [__param_target]
  regex: '\[(.+)\](?::[0-9]+)?|([^:\[\]]+)(?::[0-9]+)?|(.+)'
  replacement: '${1}${2}${3}'
  targetLabel: host
- targetLabel: port
  replacement: '22'
- sourceLabels: [__param_target]
  regex: '(?:\[.+\]|[^:]+):([0-9]+)'
  targetLabel: port
{{- end }}

{{/* The Service's address inside the cluster, where /probe answers for the fleet. */}}
{{- define "ssh-exporter.proberAddress" -}}
{{- printf "%s.%s.svc:%v" (include "ssh-exporter.componentName" (dict "root" . "component" "prober")) .Release.Namespace .Values.prober.port }}
{{- end }}

{{/* The runbook base the shipped rules and dashboards link to; runbookBaseUrl replaces it. */}}
{{- define "ssh-exporter.shippedRunbookUrl" -}}
https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md
{{- end }}
