// What both dashboards share: the data source and the job and host variables every query uses, queries, links,
// value mappings, and the outcome codes the state panels show.
import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import { runbookUrl } from './runbook';

/** Every panel, query and variable reads from the data source the `datasource` variable selects. */
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** The dashboards' fixed uids: links and provisioning find them by these. */
export const FLEET_UID = 'ssh-exporter-fleet';
export const HOST_UID = 'ssh-exporter-host';

/** Both dashboards carry it; each links to the other through it. */
export const TAG = 'ssh-exporter';

/** The series that say a job scrapes ssh-exporter: the remote view, the sidecar's, and the exporter's own. */
const EXPORTER_SERIES = 'ssh_probe_success|sshd_check_success|ssh_exporter_build_info';

export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder('datasource')
    .label('Data source')
    .description('The Prometheus that scrapes ssh-exporter and evaluates alerts/ssh-exporter.rules.yml.')
    .type('prometheus');
}

export function jobVariable(): dashboard.QueryVariableBuilder {
  const query = `label_values({__name__=~"${EXPORTER_SERIES}"}, job)`;
  return new dashboard.QueryVariableBuilder('job')
    .label('Job')
    .description('Scrape jobs of ssh-exporter: the remote probes (/probe or /metrics) and the sidecars. All by default.')
    .datasource(DATASOURCE)
    .query(query)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: ['All'], value: ['$__all'] })
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalCaseInsensitiveAsc);
}

/** The `host` label both views of an SSH server carry (set by the scrape configs in examples/prometheus/). */
export function hostVariable(many: boolean): dashboard.QueryVariableBuilder {
  const query = `label_values({__name__=~"ssh_probe_success|sshd_check_success", job=~"$job"}, host)`;
  const variable = new dashboard.QueryVariableBuilder('host')
    .label('Host')
    .description(
      many
        ? 'SSH servers, by the host label both the remote probe and the sidecar give them. All by default.'
        : 'The SSH server, by the host label both the remote probe and the sidecar give it.',
    )
    .datasource(DATASOURCE)
    .query(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalCaseInsensitiveAsc);
  return many
    ? variable.multi(true).includeAll(true).allValue('.*').current({ selected: true, text: ['All'], value: ['$__all'] })
    : variable.multi(false).includeAll(false);
}

export type QueryKind = 'range' | 'instant' | 'table';

/** A PromQL query on the dashboard's data source; 'table' is an instant query whose labels become columns. */
export function prom(expr: string, legend = '', kind: QueryKind = 'range', refId = 'A'): prometheus.DataqueryBuilder {
  const query = new prometheus.DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(refId)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(expr);
  if (legend) {
    query.legendFormat(legend);
  }
  if (kind === 'instant') {
    query.instant();
  } else if (kind === 'table') {
    query.instant().format(prometheus.PromQueryFormat.Table);
  } else {
    query.range();
  }
  return query;
}

/** The builder methods every panel kind has. */
interface AnyPanel<T> {
  title(title: string): T;
  description(description: string): T;
  unit(unit: string): T;
  datasource(datasource: { type: string; uid: string }): T;
  span(width: number): T;
  height(height: number): T;
}

/** What every panel must say: its title, the question it answers, the unit of its values, and its size. */
export function panel<T extends AnyPanel<T>>(
  builder: T,
  spec: { title: string; description: string; unit: string; width: number; height: number },
): T {
  return builder
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(DATASOURCE)
    .span(spec.width)
    .height(spec.height);
}

/** A stat read at a glance: the whole panel takes the colour of its threshold, with no graph behind the value. */
export function glanceStat(spec: { title: string; description: string; unit: string; width: number; height: number }): stat.PanelBuilder {
  return panel(new stat.PanelBuilder(), spec)
    .colorScheme(colorFromThresholds())
    .colorMode(common.BigValueColorMode.Background)
    .graphMode(common.BigValueGraphMode.None);
}

/** A data link that opens in a new tab. */
export function link(title: string, url: string): cog.Builder<dashboard.DashboardLink> {
  // Grafana reads a data link as {title, url, targetBlank}. The SDK types data links as dashboard links, whose
  // other fields (type, tags, icon, ...) a data link does not have, so the link is built as Grafana reads it.
  const dataLink = { title, url, targetBlank: true };
  return { build: () => dataLink as unknown as dashboard.DashboardLink };
}

/** The runbook section for an alert, named after it. */
export function runbookLink(alert: string): cog.Builder<dashboard.DashboardLink> {
  return link(`Runbook: ${alert}`, runbookUrl(alert));
}

/**
 * The sidecar's own report of what each check found and why a check could not look: its /sidecar page, at the
 * address Prometheus scrapes it (the `instance` label of sidecar series, host:9722 in examples/prometheus/sidecar.yml).
 */
export function sidecarPageLink(): cog.Builder<dashboard.DashboardLink> {
  return link('What the sidecar found: its /sidecar page', 'http://${__field.labels.instance}/sidecar');
}

/** The other dashboards of ssh-exporter, keeping the time range and the variables. */
export function dashboardsLink(): cog.Builder<dashboard.DashboardLink> {
  const dashboardLink: dashboard.DashboardLink = {
    title: 'ssh-exporter',
    type: dashboard.DashboardLinkType.Dashboards,
    icon: 'external link',
    tooltip: '',
    tags: [TAG],
    asDropdown: false,
    targetBlank: false,
    includeVars: true,
    keepTime: true,
  };
  return { build: () => dashboardLink };
}

export type State = [value: number | string, text: string, color: string];

/** Shows each value as its text in its color. */
export function states(entries: readonly State[]): dashboard.ValueMapping[] {
  return [
    {
      type: dashboard.MappingType.ValueToText,
      options: Object.fromEntries(entries.map(([value, text, color], index) => [String(value), { text, color, index }])),
    },
  ];
}

/** A 0/1 check: 1 is fine (green), 0 a fault (red). */
export function okOrFault(ok: string, fault: string): dashboard.ValueMapping[] {
  return states([
    [1, ok, 'green'],
    [0, fault, 'red'],
  ]);
}

/** Values from `from` up are `color`, below the first step `base`. */
export function thresholds(base: string, ...steps: [from: number, color: string][]): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))]);
}

export function colorFromThresholds(): dashboard.FieldColorBuilder {
  return new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds);
}

export function lastValue(): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

/** Every outcome a probe can end in (the `outcome` label of ssh_probe_outcome and sshd_local_probe_outcome). */
export const OUTCOMES = [
  'success',
  'dns_error',
  'refused',
  'connect_timeout',
  'unreachable',
  'reset',
  'closed',
  'banner_timeout',
  'banner_invalid',
  'protocol_unsupported',
  'throttled',
] as const;

/**
 * The outcome of each probe as one number, for the state panels: 1 for success, 2 and up for the failures in
 * the order of OUTCOMES, 0 when none of the outcomes known here is 1. Where two jobs probe the same target and
 * disagree, the failure shows.
 */
export function outcomeCode(metric: string, selector: string, by: string): string {
  const codes = OUTCOMES.map((outcome, index) => `label_replace(vector(${index + 1}), "outcome", "${outcome}", "", "")`);
  return [
    `max by (${by}) (`,
    `  ${metric}{${selector}}`,
    `  * on (outcome) group_left ()`,
    `  (`,
    `      ${codes.join('\n    or ')}`,
    `  )`,
    `)`,
  ].join('\n');
}

/** Shows an outcome code as the outcome's name: success green, SSH-1 orange (a warning), every other failure red. */
export function outcomeStates(): dashboard.ValueMapping[] {
  return states([
    [0, 'no known outcome', 'text'],
    ...OUTCOMES.map((outcome, index): State => [
      index + 1,
      outcome,
      outcome === 'success' ? 'green' : outcome === 'protocol_unsupported' || outcome === 'throttled' ? 'orange' : 'red',
    ]),
  ]);
}

/** ALERTS state as a number for the state panels: 2 firing, 1 pending. */
export function alertState(selector: string, by: string): string {
  return [
    `max by (${by}) (`,
    `    2 * ALERTS{alertname=~"Ssh.*", alertstate="firing", ${selector}}`,
    `  or ALERTS{alertname=~"Ssh.*", alertstate="pending", ${selector}}`,
    `)`,
  ].join('\n');
}

export function alertStates(): dashboard.ValueMapping[] {
  return states([
    [2, 'firing', 'red'],
    [1, 'pending', 'orange'],
  ]);
}

/**
 * Grafana's dashboard JSON as the SDK builds it, with what Grafana's own Dashboard type (@grafana/schema) does not
 * have taken out and a fixed id for every panel:
 *   - the SDK writes the interval variable's `auto`, `auto_min` and `auto_count` into every variable;
 *   - panels get ids in order, so links to a panel (viewPanel=N) stay the same from one generation to the next.
 */
export function tidy(built: dashboard.Dashboard): dashboard.Dashboard {
  for (const variable of built.templating?.list ?? []) {
    if (variable.type !== 'interval') {
      const loose = variable as Partial<Record<'auto' | 'auto_min' | 'auto_count', unknown>>;
      delete loose.auto;
      delete loose.auto_min;
      delete loose.auto_count;
    }
  }
  let id = 1;
  for (const item of built.panels ?? []) {
    item.id = id++;
    for (const inner of 'panels' in item ? item.panels : []) {
      inner.id = id++;
    }
  }
  return built;
}
