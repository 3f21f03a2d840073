// The fleet overview: which SSH servers are broken now, what each one sees, the alert that fires for it and the
// runbook section that fixes it; then how the fleet got there, how fast SSH answers, which SSH versions run, how
// many servers offer weak cryptography or show a host key they should not, and whether the exporters themselves
// are healthy.
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import {
  FLEET_UID,
  HOST_UID,
  TAG,
  alertState,
  alertStates,
  colorFromThresholds,
  glanceStat,
  dashboardsLink,
  datasourceVariable,
  hostVariable,
  jobVariable,
  lastValue,
  okOrFault,
  outcomeCode,
  outcomeStates,
  panel,
  prom,
  runbookLink,
  states,
  thresholds,
  tidy,
} from './common';
import { ALERT, RUNBOOK_URL, indent, withRunbookLabel } from './runbook';

/** Every series of the selected jobs and hosts. */
const S = 'job=~"$job", host=~"$host"';

/** The hosts of the selected jobs (ALERTS carry a host, not the job of the series they come from). */
const HOSTS = 'group by (host) ({__name__=~"up|ssh_probe_success|sshd_check_success", job=~"$job", host=~"$host"})';

/** Firing SSH alerts of the selected hosts, as ALERTS{alertname=~"Ssh.*"} names them. */
function firing(extra = ''): string {
  return `ALERTS{alertname=~"Ssh.*", alertstate="firing", host=~"$host"${extra}}`;
}

/** The targets (host and port) whose remote probe fails now, with the outcome it ends in. */
const FAILING = `group by (host, port, outcome) (ssh_probe_outcome{${S}, outcome!="success"} == 1)`;

/**
 * What the sidecar on each host finds, as one verdict: the first of these that holds, in the order the alert
 * rules rank the causes (missing host keys also fail `sshd -t`, and either stops sshd).
 */
const VERDICTS: [finding: string, verdict: string][] = [
  [`max by (host) (sshd_host_key_present{${S}}) == 0`, 'no host key present'],
  [`sshd_config_valid{${S}} == 0`, 'sshd_config invalid'],
  [`sshd_service_active{${S}} == 0`, 'sshd not running'],
  [`sshd_firewall_port_allowed{${S}} == 0`, 'firewall blocks a port'],
  [`sshd_listener_up{${S}} == 0`, 'nothing listens on a port'],
  [`sshd_local_probe_success{${S}} == 0`, 'no answer on loopback'],
  [`sshd_check_success{${S}} == 0`, 'a check cannot look'],
  [`sshd_check_success{${S}}`, 'all checks pass'],
];

function sidecarVerdict(): string {
  return [
    ...VERDICTS.map(([finding, verdict]) => `label_replace(group by (host) (${finding}), "sidecar", "${verdict}", "", "")`),
    `label_replace(group by (host) (${FAILING}), "sidecar", "no sidecar", "", "")`,
  ].join('\nor on (host)\n');
}

/**
 * One row per failing target: the remote outcome, the sidecar's verdict on its host, and the alert that fires for
 * it, with the anchor of that alert's runbook section. Of several alerts, a cause (diagnosis="cause") goes before
 * a symptom, as Alertmanager's inhibition does; an alert with a port goes to that port's row, a host-wide one
 * (sshd down, no port label) to every failing port of the host.
 */
export function failingTargets(alerts: readonly string[]): string {
  const weighted = (ports: string) =>
    `(2 * ${firing(`, port${ports}, diagnosis="cause"`)} or ${firing(`, port${ports}`)})`;
  const chosen = [
    'topk by (host, port) (1,',
    `    max by (host, port, alertname) ${weighted('!=""')}`,
    '  or',
    '    max by (host, port, alertname) (',
    `      topk by (host) (1, max by (host, alertname) ${weighted('=""')})`,
    '      * on (host) group_right (alertname)',
    indent(FAILING, 6),
    '    )',
    ')',
  ].join('\n');
  const rows = [
    '(',
    indent(FAILING, 2),
    '  * on (host, port) group_left (alertname)',
    indent(chosen, 2),
    ')',
    'or on (host, port)',
    FAILING,
  ].join('\n');
  return [
    'group by (host, port, outcome, sidecar, alertname, runbook) (',
    indent(withRunbookLabel(rows, alerts), 2),
    '  * on (host) group_left (sidecar)',
    '  (',
    indent(sidecarVerdict(), 4),
    '  )',
    ')',
  ].join('\n');
}

export function fleetDashboard(alerts: readonly string[]): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder('SSH fleet')
    .uid(FLEET_UID)
    .description('Which SSH servers are broken now, what each one sees, and the runbook section that fixes it.')
    .tags([TAG])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('1m')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .withVariable(datasourceVariable())
    .withVariable(jobVariable())
    .withVariable(hostVariable(true))
    .link(dashboardsLink())

    .withRow(new dashboard.RowBuilder('Broken now'))
    .withPanel(
      panel(new stat.PanelBuilder(), {
        title: 'Targets answering SSH',
        description:
          'How many targets (host and port) answer with an SSH identification now, of all the targets probed.',
        unit: 'short',
        width: 5,
        height: 5,
      })
        .withTarget(prom(`sum(max by (host, port) (ssh_probe_outcome{${S}, outcome="success"}))`, 'answering', 'instant', 'A'))
        .withTarget(prom(`count(max by (host, port) (ssh_probe_outcome{${S}}))`, 'probed', 'instant', 'B'))
        .reduceOptions(lastValue())
        .colorMode(common.BigValueColorMode.None)
        .graphMode(common.BigValueGraphMode.None)
        .noValue('0'),
    )
    .withPanel(
      glanceStat({
        title: 'Targets failing, by outcome',
        description:
          'How many targets end in each failed outcome now (red when any does). The outcome names the kind of ' +
          'fault: refused, connect_timeout, banner_timeout, ... (see README "What one probe tells apart").',
        unit: 'short',
        width: 13,
        height: 5,
      })
        .withTarget(
          prom(
            `sum by (outcome) (max by (host, port, outcome) (ssh_probe_outcome{${S}, outcome!="success"}))`,
            '{{outcome}}',
            'instant',
          ),
        )
        .reduceOptions(lastValue())
        .thresholds(thresholds('green', [1, 'red']))
        .textMode(common.BigValueTextMode.ValueAndName),
    )
    .withPanel(
      glanceStat({
        title: 'SSH alerts firing, by severity',
        description: 'How many alerts of alerts/ssh-exporter.rules.yml fire now for these hosts, by severity.',
        unit: 'short',
        width: 6,
        height: 5,
      })
        .withTarget(
          prom(`count by (severity) (${firing()} and on (host) ${HOSTS})`, '{{severity}}', 'instant'),
        )
        .reduceOptions(lastValue())
        .thresholds(thresholds('green', [1, 'red']))
        .textMode(common.BigValueTextMode.ValueAndName)
        .noValue('none'),
    )
    .withPanel(
      panel(new table.PanelBuilder(), {
        title: 'Failing targets: what they see and what fixes it',
        description:
          'Each target whose remote probe fails now: the outcome the probe ends in, what the sidecar on the ' +
          'host finds (the most telling finding; "no sidecar" where none reports), the alert that fires for it ' +
          '(a root cause before a symptom), and the runbook section that fixes it (the triage section while no ' +
          'alert fires yet). The host opens its own dashboard.',
        unit: 'string',
        width: 24,
        height: 9,
      })
        .withTarget(prom(failingTargets(alerts), '', 'table'))
        .withTransformation({
          id: 'organize',
          options: {
            excludeByName: { Time: true, Value: true },
            indexByName: { host: 0, port: 1, outcome: 2, sidecar: 3, alertname: 4, runbook: 5 },
            renameByName: {
              host: 'Host',
              port: 'Port',
              outcome: 'Remote outcome',
              sidecar: 'Sidecar finds',
              alertname: 'Alert firing',
              runbook: 'Runbook section',
            },
          },
        })
        .overrideByName('Host', [
          {
            id: 'links',
            value: [
              {
                title: 'This host',
                url: `/d/${HOST_UID}?var-host=\${__value.raw}&\${job:queryparam}&\${datasource:queryparam}&\${__url_time_range}`,
              },
            ],
          },
        ])
        .overrideByName('Remote outcome', [
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
          { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
        ])
        .overrideByName('Sidecar finds', [
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
          { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
          {
            id: 'mappings',
            value: states([
              ['all checks pass', 'all checks pass', 'green'],
              ['no sidecar', 'no sidecar', 'text'],
            ]),
          },
        ])
        .overrideByName('Runbook section', [
          {
            id: 'links',
            value: [{ title: 'Runbook: ${__value.raw}', url: `${RUNBOOK_URL}#\${__value.raw}`, targetBlank: true }],
          },
        ])
        .sortBy([new common.TableSortByFieldStateBuilder().displayName('Host')]),
    )

    .withRow(new dashboard.RowBuilder('How it got there'))
    .withPanel(
      panel(new statetimeline.PanelBuilder(), {
        title: 'Outcome per target over time',
        description:
          'What the remote probe of each target (host:port) ended in, over time: when a fault began, whether it ' +
          'comes and goes, and which targets failed together.',
        unit: 'none',
        width: 24,
        height: 10,
      })
        .withTarget(prom(outcomeCode('ssh_probe_outcome', S, 'host, port'), '{{host}}:{{port}}'))
        .mappings(outcomeStates())
        .colorScheme(colorFromThresholds())
        .thresholds(thresholds('text'))
        .showValue(common.VisibilityMode.Never)
        .mergeValues(true)
        .rowHeight(0.8)
        .legend(new common.VizLegendOptionsBuilder().showLegend(false)),
    )
    .withPanel(
      panel(new statetimeline.PanelBuilder(), {
        title: 'SSH alerts over time',
        description: 'Which alerts were pending (orange) and firing (red) for which host, over time.',
        unit: 'none',
        width: 24,
        height: 8,
      })
        .withTarget(prom(`${alertState('host=~"$host"', 'host, alertname')}\nand on (host) ${HOSTS}`, '{{host}} {{alertname}}'))
        .mappings(alertStates())
        .colorScheme(colorFromThresholds())
        .thresholds(thresholds('text'))
        .showValue(common.VisibilityMode.Never)
        .mergeValues(true)
        .legend(new common.VizLegendOptionsBuilder().showLegend(false)),
    )

    .withRow(new dashboard.RowBuilder('Latency and versions'))
    .withPanel(
      panel(new timeseries.PanelBuilder(), {
        title: 'Connect and banner time across the fleet',
        description:
          'How long the TCP connect and the wait for the SSH identification take, over the targets that answer: ' +
          'the median, the 90th percentile and the slowest target. A rising banner time is sshd under load ' +
          '(MaxStartups, slow DNS lookups of clients, a busy host) before it stops answering.',
        unit: 's',
        width: 12,
        height: 8,
      })
        .withTarget(prom(phaseQuantile('quantile by (phase) (0.5,', ')'), 'median {{phase}}', 'range', 'A'))
        .withTarget(prom(phaseQuantile('quantile by (phase) (0.9,', ')'), 'p90 {{phase}}', 'range', 'B'))
        .withTarget(prom(phaseQuantile('max by (phase) (', ')'), 'slowest {{phase}}', 'range', 'C'))
        .min(0),
    )
    .withPanel(
      panel(new timeseries.PanelBuilder(), {
        title: 'SSH server versions over time',
        description:
          'How many targets identify with each SSH software version (ssh_banner_info): an upgrade wave shows as ' +
          'one band handing over to another, a forgotten server as a thin band that stays.',
        unit: 'short',
        width: 6,
        height: 8,
      })
        .withTarget(
          prom(`count by (software_version) (max by (host, port, software_version) (ssh_banner_info{${S}}))`, '{{software_version}}'),
        )
        .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
        .fillOpacity(60)
        .lineWidth(0)
        .min(0),
    )
    .withPanel(
      panel(new bargauge.PanelBuilder(), {
        title: 'SSH server versions now',
        description: 'How many targets run each SSH software version now; an odd version out has a short bar.',
        unit: 'short',
        width: 6,
        height: 8,
      })
        .withTarget(
          prom(
            `sort_desc(count by (software_version) (max by (host, port, software_version) (ssh_banner_info{${S}})))`,
            '{{software_version}}',
            'instant',
          ),
        )
        .reduceOptions(lastValue())
        .orientation(common.VizOrientation.Horizontal)
        .displayMode(common.BarGaugeDisplayMode.Basic)
        .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.PaletteClassicByName))
        .min(0),
    )

    .withRow(new dashboard.RowBuilder('Algorithms and host keys'))
    .withPanel(
      glanceStat({
        title: 'Hosts with weak key exchange or ciphers',
        description:
          'Of the hosts whose KEXINIT the probes read now, how many are open to Terrapin (CVE-2023-48795), offer ' +
          'weak algorithms (other than the hmac-sha1 and umac-64 MACs every stock OpenSSH offers), or offer no ' +
          'post-quantum key exchange. The host dashboard says which kinds.',
        unit: 'short',
        width: 14,
        height: 5,
      })
        .withTarget(prom(`sum(max by (host) (ssh_terrapin_vulnerable{${S}}))`, 'Terrapin-vulnerable', 'instant', 'A'))
        // As the alert: not the MACs every stock OpenSSH offers, or the count is the whole fleet.
        .withTarget(
          prom(
            `sum(max by (host) (ssh_weak_algorithm_offered{${S}, category!~"mac_sha1|mac_64bit_tag"}))`,
            'offering weak algorithms',
            'instant',
            'B',
          ),
        )
        .withTarget(
          prom(`sum(max by (host) (1 - ssh_kex_post_quantum_offered{${S}}))`, 'without post-quantum key exchange', 'instant', 'C'),
        )
        .reduceOptions(lastValue())
        .thresholds(thresholds('green', [1, 'orange']))
        .textMode(common.BigValueTextMode.ValueAndName)
        .dataLinks([runbookLink(ALERT.terrapin), runbookLink(ALERT.weakAlgorithms), runbookLink(ALERT.postQuantumMissing)]),
    )
    .withPanel(
      glanceStat({
        title: 'Hosts whose host key is in question',
        description:
          'Of the hosts a host key module probes (a slow job: its last scrape in 20 minutes counts), how many ' +
          'showed a key that matches none of their pins (or no verified key) at the last scrape of some prober, ' +
          'and how many fire SshHostKeyChanged: an unpinned host showing a key not seen an hour before.',
        unit: 'short',
        width: 10,
        height: 5,
      })
        .withTarget(
          prom(`sum(max by (host) (1 - last_over_time(ssh_host_key_pin_matches{${S}}[20m])))`, 'host key matches no pin', 'instant', 'A'),
        )
        .withTarget(
          prom(
            [
              `count(count by (host) (ALERTS{alertname="${ALERT.hostKeyChanged}", alertstate="firing", host=~"$host"} and on (host) ${HOSTS}))`,
              `or 0 * count(last_over_time(ssh_host_key_info{${S}}[20m]))`,
            ].join('\n'),
            'host key changed',
            'instant',
            'B',
          ),
        )
        .reduceOptions(lastValue())
        .thresholds(thresholds('green', [1, 'red']))
        .textMode(common.BigValueTextMode.ValueAndName)
        .dataLinks([runbookLink(ALERT.hostKeyPinMismatch), runbookLink(ALERT.hostKeyChanged)]),
    )

    .withRow(new dashboard.RowBuilder('The exporters themselves'))
    .withPanel(
      glanceStat({
        title: 'Exporter scrapes failing',
        description:
          'How many ssh-exporter targets Prometheus cannot scrape now, by job: a lost view, not an SSH fault ' +
          '(SshExporterDown; needs the recording rules of alerts/ssh-exporter.rules.yml).',
        unit: 'short',
        width: 6,
        height: 6,
      })
        .withTarget(
          prom(
            `count by (job) ((up{${S}} == 0) and on (job, instance) job_instance:ssh_exporter_build_info:known)`,
            '{{job}}',
            'instant',
          ),
        )
        .reduceOptions(lastValue())
        .thresholds(thresholds('green', [1, 'red']))
        .noValue('0')
        .dataLinks([runbookLink(ALERT.exporterDown)]),
    )
    .withPanel(
      glanceStat({
        title: 'Exporter config reloads',
        description:
          'Whether each exporter loaded its config file at the last reload; a rejected one keeps running on the ' +
          'old config (SshExporterConfigReloadFailed).',
        unit: 'none',
        width: 6,
        height: 6,
      })
        .withTarget(prom(`min by (instance) (ssh_exporter_config_last_reload_successful{${S}})`, '{{instance}}', 'instant'))
        .reduceOptions(lastValue())
        .mappings(okOrFault('loaded', 'rejected'))
        .thresholds(thresholds('red', [1, 'green']))
        .textMode(common.BigValueTextMode.ValueAndName)
        .dataLinks([runbookLink(ALERT.configReloadFailed)]),
    )
    .withPanel(
      panel(new timeseries.PanelBuilder(), {
        title: 'Sidecar checks that cannot look',
        description:
          'On how many hosts each local check could not run (sshd_check_success 0: a missing tool, permission ' +
          'or mount, or a check slower than the scrape), so the alerts that need it stay silent.',
        unit: 'short',
        width: 12,
        height: 6,
      })
        .withTarget(prom(`sum by (check) (1 - sshd_check_success{${S}})`, '{{check}}'))
        .min(0)
        .dataLinks([runbookLink(ALERT.sidecarCheckFailing)]),
    )
    .withPanel(
      panel(new timeseries.PanelBuilder(), {
        title: 'Scrape duration',
        description:
          'How long Prometheus takes to scrape the exporters of each job, the slowest and the mean: a /probe ' +
          'scrape lasts as long as its probe, a sidecar scrape as long as its slowest check.',
        unit: 's',
        width: 12,
        height: 7,
      })
        .withTarget(prom(scrapeDuration('max'), 'slowest {{job}}', 'range', 'A'))
        .withTarget(prom(scrapeDuration('avg'), 'mean {{job}}', 'range', 'B'))
        .min(0),
    )
    .withPanel(
      panel(new timeseries.PanelBuilder(), {
        title: 'Probes per second, by outcome',
        description:
          'How many probes the exporters run, by outcome (ssh_exporter_probes_total, on the /metrics of each ' +
          'exporter that Prometheus scrapes): the load they carry and the share that fails.',
        unit: 'ops',
        width: 12,
        height: 7,
      })
        .withTarget(prom(`sum by (outcome) (rate(ssh_exporter_probes_total{${S}}[$__rate_interval]))`, '{{outcome}}'))
        .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
        .fillOpacity(30)
        .min(0),
    );

  return tidy(builder.build());
}

/** Connect and banner phase times of the probes that got an SSH identification, combined over the targets. */
function phaseQuantile(open: string, close: string): string {
  return [
    open,
    `  ssh_probe_phase_duration_seconds{${S}, phase=~"connect|banner"}`,
    `  and ignoring (phase) (ssh_probe_success{${S}} == 1)`,
    close,
  ].join('\n');
}

function scrapeDuration(aggregation: 'max' | 'avg'): string {
  return `${aggregation} by (job) (scrape_duration_seconds{${S}} and on (job, instance) job_instance:ssh_exporter_build_info:known)`;
}
