{{/*
The exporter's config files, written from values (README, "Configuration"). Each workload carries the sha256 of
its config text as an annotation, so that a changed config rolls its pods; hashing the text rather than the whole
rendered ConfigMap keeps a new chart version (in the labels) from restarting pods whose config did not change.
*/}}

{{/* The prober's config: the modules, and the targets its /metrics probes (usually none: the fleet uses /probe). */}}
{{- define "ssh-exporter.proberConfig" -}}
{{ toYaml (dict "modules" .Values.modules "targets" .Values.prober.targets) }}
{{- end }}

{{/*
The sidecar's config: the modules and the sidecar section, which looks at the node through /host, where the
DaemonSet mounts the node's / (the node's /proc is at /host/proc, as hostPath mounts carry the mounts below).
*/}}
{{- define "ssh-exporter.sidecarConfig" -}}
{{- $sidecar := dict
  "enabled" true
  "sshd_config" .Values.sidecar.sshdConfig
  "sshd_binary" .Values.sidecar.sshdBinary
  "rootfs" "/host"
  "procfs" "/host/proc"
  "systemd_unit" .Values.sidecar.systemdUnit
  "extra_ports" .Values.sidecar.extraPorts
  "local_probe_module" .Values.sidecar.localProbeModule
  "show_sshd_log" .Values.sidecar.showSshdLog }}
{{- if not (hasKey .Values.modules .Values.sidecar.localProbeModule) }}
{{- fail (printf "sidecar.localProbeModule: module %q is not defined under modules" .Values.sidecar.localProbeModule) }}
{{- end }}
{{- toYaml (dict "modules" .Values.modules "sidecar" $sidecar) }}
{{- end }}
