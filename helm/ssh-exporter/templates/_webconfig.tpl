{{/*
The exporter's --web.config.file (TLS, basic auth; README, "TLS and basic auth"), the same for both modes: on when
webConfig names a Secret of yours or holds the file itself, which goes into a Secret the chart makes. Private keys
come only from Secrets (existingSecret, tlsSecret): values.schema.json refuses an inline tls_server_config.key.
*/}}

{{/* "true" when webConfig is on; stops the render on values that contradict one another. */}}
{{- define "ssh-exporter.webConfigEnabled" -}}
{{- $web := .Values.webConfig }}
{{- if and $web.existingSecret $web.config }}
{{- fail "webConfig: set existingSecret or config, not both" }}
{{- end }}
{{- if and $web.tlsSecret (not (or $web.existingSecret $web.config)) }}
{{- fail "webConfig.tlsSecret needs webConfig.config (or existingSecret) naming its files: cert_file: tls.crt, key_file: tls.key" }}
{{- end }}
{{- with $web.config }}
{{- $tls := hasKey . "tls_server_config" }}
{{- if ne $tls (eq $web.scheme "https") }}
{{- fail (printf "webConfig.scheme is %s but webConfig.config %s tls_server_config" $web.scheme (ternary "has" "has no" $tls)) }}
{{- end }}
{{- if and .basic_auth_users (eq $web.healthChecks "httpGet") }}
{{- fail "webConfig.healthChecks: httpGet cannot pass basic_auth_users (the kubelet would get 401): use exec or tcpSocket" }}
{{- end }}
{{- $clientAuth := (index (default dict .tls_server_config) "client_auth_type") | default "" }}
{{- if and (hasPrefix "Require" $clientAuth) (ne $web.healthChecks "tcpSocket") }}
{{- fail (printf "webConfig.healthChecks: client_auth_type %s refuses the kubelet and the healthcheck command alike: use tcpSocket" $clientAuth) }}
{{- end }}
{{- end }}
{{- if or $web.existingSecret $web.config }}true{{ end }}
{{- end }}

{{/* The web config file's text in the Secret the chart makes; the pods carry its sha256. */}}
{{- define "ssh-exporter.webConfigFile" -}}
{{ toYaml .Values.webConfig.config }}
{{- end }}

{{/* The Secret holding web-config.yml: the user's, or the chart's. */}}
{{- define "ssh-exporter.webConfigSecretName" -}}
{{- .Values.webConfig.existingSecret | default (include "ssh-exporter.componentName" (dict "root" . "component" "web-config")) }}
{{- end }}

{{/*
Where the file is mounted: a directory of its own, since a mount inside the read-only config mount would need a
mount point there. Relative paths in the file resolve here, so tlsSecret's tls.crt is "tls.crt".
*/}}
{{- define "ssh-exporter.webConfigDirectory" -}}
/etc/ssh-exporter-web
{{- end }}

{{- define "ssh-exporter.webConfigPath" -}}
{{ include "ssh-exporter.webConfigDirectory" . }}/web-config.yml
{{- end }}

{{/* The pod's volume: web-config.yml with the files it names, and tlsSecret's beside them. */}}
{{- define "ssh-exporter.webConfigVolume" -}}
- name: web-config
  projected:
    sources:
      - secret:
          name: {{ include "ssh-exporter.webConfigSecretName" . }}
      {{- with .Values.webConfig.tlsSecret }}
      - secret:
          name: {{ . }}
      {{- end }}
{{- end }}

{{- define "ssh-exporter.webConfigVolumeMount" -}}
- name: web-config
  mountPath: {{ include "ssh-exporter.webConfigDirectory" . }}
  readOnly: true
{{- end }}

{{/*
How an Operator object's scrape authenticates: webConfig.prometheus.tlsConfig (the Operator's SafeTLSConfig) and
basic auth from the user's Secret with the keys of a kubernetes.io/basic-auth Secret. Empty without webConfig.
*/}}
{{- define "ssh-exporter.scrapeAuth" -}}
{{- if include "ssh-exporter.webConfigEnabled" . }}
{{- with .Values.webConfig.prometheus.tlsConfig }}
tlsConfig:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.webConfig.prometheus.basicAuthSecret }}
basicAuth:
  username:
    name: {{ . }}
    key: username
  password:
    name: {{ . }}
    key: password
{{- end }}
{{- end }}
{{- end }}

{{/* The scheme Prometheus scrapes with. */}}
{{- define "ssh-exporter.scrapeScheme" -}}
{{- if include "ssh-exporter.webConfigEnabled" . }}{{ .Values.webConfig.scheme }}{{ else }}http{{ end }}
{{- end }}
