// One SSH server: what the remote probe sees of it over time and how long each phase takes, and beside it what the
// sidecar on the server finds, check by check, each linked to the runbook section that fixes what it finds and to
// the sidecar's own /sidecar page; then what sshd offers (its KEXINIT) and the host key it shows.
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import {
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
  link,
  sidecarPageLink,
  states,
  thresholds,
  tidy,
} from './common';
import { ALERT, ALGORITHMS_AND_HOST_KEYS, RUNBOOK_URL, indent, withRunbookLabel } from './runbook';

/** Every series of the selected jobs about this host. */
const S = 'job=~"$job", host="$host"';

/** This host, if the selected jobs see it (ALERTS carry a host, not the job of the series they come from). */
const HOST = 'group by (host) ({__name__=~"up|ssh_probe_success|sshd_check_success", job=~"$job", host="$host"})';

/** A stat panel of 0/1 findings of the sidecar, one value per series. */
function findings(spec: { title: string; description: string; width: number }, expr: string, legend: string) {
  return glanceStat({ ...spec, unit: 'none', height: 5 })
    .withTarget(prom(expr, legend, 'instant'))
    .reduceOptions(lastValue())
    .thresholds(thresholds('red', [1, 'green']))
    .textMode(legend ? common.BigValueTextMode.ValueAndName : common.BigValueTextMode.Value);
}

/**
 * The host key module's series, as of its last scrape: it runs in a slow job (every 5-15 minutes), whose series
 * are stale between its scrapes, so they are read over 20 minutes as the alert rules read them.
 */
function lastHostKey(metric: string): string {
  return `last_over_time(${metric}{${S}}[20m])`;
}

/** A stat of one 0/1 verdict per port: each value as its text in its colour, with links to the runbook that explain it. */
function verdict(
  spec: { title: string; description: string; width: number },
  expr: string,
  zero: [text: string, color: string],
  one: [text: string, color: string],
  links: ReturnType<typeof runbookLink>[],
  noValue: string,
) {
  return glanceStat({ ...spec, unit: 'none', height: 5 })
    .withTarget(prom(expr, 'port {{port}}', 'instant'))
    .reduceOptions(lastValue())
    .mappings(states([[0, ...zero], [1, ...one]]))
    .thresholds(thresholds(zero[1], [1, one[1]]))
    .textMode(common.BigValueTextMode.ValueAndName)
    .dataLinks(links)
    .noValue(noValue);
}

/** The checks over time, each linked to the runbook section for what it finds. */
const CHECKS: [legend: string, expr: string, alert: string][] = [
  ['sshd service running', `min(sshd_service_active{${S}})`, ALERT.daemonNotRunning],
  ['sshd_config valid', `min(sshd_config_valid{${S}})`, ALERT.configInvalid],
  ['a host key present', `max(sshd_host_key_present{${S}})`, ALERT.hostKeysMissing],
  ['every port has a listener', `min(sshd_listener_up{${S}})`, ALERT.listensElsewhere],
  ['firewall allows every port', `min(sshd_firewall_port_allowed{${S}})`, ALERT.firewallBlocking],
  ['loopback probe answers', `min(sshd_local_probe_success{${S}})`, ALERT.notAnswering],
  ['every check could look', `min(sshd_check_success{${S}})`, ALERT.sidecarCheckFailing],
];

export function hostDashboard(alerts: readonly string[]): dashboard.Dashboard {
  const checksOverTime = panel(new statetimeline.PanelBuilder(), {
    title: 'Sidecar checks over time',
    description:
      'Each local check of the sidecar over time, green while it finds nothing wrong: when sshd stopped, the ' +
      'firewall changed or a check lost its view. Each row links the runbook section for what it finds.',
    unit: 'none',
    width: 24,
    height: 8,
  })
    .mappings(okOrFault('yes', 'no'))
    .colorScheme(colorFromThresholds())
    .thresholds(thresholds('red', [1, 'green']))
    .showValue(common.VisibilityMode.Never)
    .mergeValues(true)
    .legend(new common.VizLegendOptionsBuilder().showLegend(false));
  CHECKS.forEach(([legend, expr, alert], index) => {
    checksOverTime
      .withTarget(prom(expr, legend, 'range', String.fromCharCode(65 + index)))
      .overrideByName(legend, [{ id: 'links', value: [runbookLink(alert).build()] }]);
  });

  const builder = new dashboard.DashboardBuilder('SSH host')
    .uid(HOST_UID)
    .description('One SSH server: what the remote probe sees, what the sidecar on it finds, and the runbook step for each.')
    .tags([TAG])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('1m')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .withVariable(datasourceVariable())
    .withVariable(jobVariable())
    .withVariable(hostVariable(false))
    .link(dashboardsLink())

    .withRow(new dashboard.RowBuilder('Now'))
    .withPanel(
      glanceStat({
        title: 'Remote outcome now',
        description: 'What the remote probe of each port of this host ends in now: success, or which kind of fault.',
        unit: 'none',
        width: 6,
        height: 6,
      })
        .withTarget(prom(outcomeCode('ssh_probe_outcome', S, 'port'), 'port {{port}}', 'instant'))
        .reduceOptions(lastValue())
        .mappings(outcomeStates())
        .thresholds(thresholds('text'))
        .textMode(common.BigValueTextMode.ValueAndName),
    )
    .withPanel(
      panel(new table.PanelBuilder(), {
        title: 'SSH alerts for this host',
        description:
          'The alerts of alerts/ssh-exporter.rules.yml that fire or are pending for this host, and the runbook ' +
          'section that fixes each.',
        unit: 'string',
        width: 18,
        height: 6,
      })
        .withTarget(
          prom(
            [
              'group by (alertname, alertstate, severity, diagnosis, port, runbook) (',
              indent(withRunbookLabel(`ALERTS{alertname=~"Ssh.*", host="$host"}\nand on (host) ${HOST}`, alerts), 2),
              ')',
            ].join('\n'),
            '',
            'table',
          ),
        )
        .withTransformation({
          id: 'organize',
          options: {
            excludeByName: { Time: true, Value: true },
            indexByName: { alertname: 0, alertstate: 1, severity: 2, diagnosis: 3, port: 4, runbook: 5 },
            renameByName: {
              alertname: 'Alert',
              alertstate: 'State',
              severity: 'Severity',
              diagnosis: 'Diagnosis',
              port: 'Port',
              runbook: 'Runbook section',
            },
          },
        })
        .overrideByName('State', [
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
          {
            id: 'mappings',
            value: states([
              ['firing', 'firing', 'red'],
              ['pending', 'pending', 'orange'],
            ]),
          },
        ])
        .overrideByName('Runbook section', [
          {
            id: 'links',
            value: [{ title: 'Runbook: ${__value.raw}', url: `${RUNBOOK_URL}#\${__value.raw}`, targetBlank: true }],
          },
        ])
        .noValue('no SSH alert fires or is pending for this host'),
    )

    .withRow(new dashboard.RowBuilder('What the remote probe sees'))
    .withPanel(
      panel(new statetimeline.PanelBuilder(), {
        title: 'Remote outcome over time',
        description: 'What the remote probe of each port ended in, over time: when the fault began and whether it comes and goes.',
        unit: 'none',
        width: 24,
        height: 5,
      })
        .withTarget(prom(outcomeCode('ssh_probe_outcome', S, 'port'), 'port {{port}}'))
        .mappings(outcomeStates())
        .colorScheme(colorFromThresholds())
        .thresholds(thresholds('text'))
        .showValue(common.VisibilityMode.Never)
        .mergeValues(true)
        .legend(new common.VizLegendOptionsBuilder().showLegend(false)),
    )
    .withPanel(
      panel(new timeseries.PanelBuilder(), {
        title: 'Probe phase timings',
        description:
          'How long each phase of the remote probe takes (resolve, connect, banner; 0 when not reached), against ' +
          'the timeout it ran under (dashed): a banner time close to the timeout is sshd about to stop answering.',
        unit: 's',
        width: 16,
        height: 8,
      })
        .withTarget(prom(`max by (port, phase) (ssh_probe_phase_duration_seconds{${S}})`, '{{phase}} (port {{port}})', 'range', 'A'))
        .withTarget(prom(`max by (port) (ssh_probe_timeout_seconds{${S}})`, 'timeout (port {{port}})', 'range', 'B'))
        .overrideByQuery('B', [
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
          { id: 'color', value: { mode: 'fixed', fixedColor: 'text' } },
        ])
        .min(0),
    )
    .withPanel(
      panel(new table.PanelBuilder(), {
        title: 'SSH identification',
        description:
          'What the server says it is, per port (ssh_banner_info): the protocol version, the software version ' +
          'and the comments, such as the distribution and its package release.',
        unit: 'string',
        width: 8,
        height: 8,
      })
        .withTarget(prom(`group by (port, protocol_version, software_version, comments) (ssh_banner_info{${S}})`, '', 'table'))
        .withTransformation({
          id: 'organize',
          options: {
            excludeByName: { Time: true, Value: true },
            indexByName: { port: 0, protocol_version: 1, software_version: 2, comments: 3 },
            renameByName: { port: 'Port', protocol_version: 'Protocol', software_version: 'Software', comments: 'Comments' },
          },
        })
        .noValue('no SSH identification (the probe got no banner)'),
    )
    .withPanel(
      panel(new statetimeline.PanelBuilder(), {
        title: 'SSH alerts over time',
        description: 'Which alerts were pending (orange) and firing (red) for this host, over time.',
        unit: 'none',
        width: 24,
        height: 5,
      })
        .withTarget(prom(`${alertState('host="$host"', 'alertname, port')}\nand on () ${HOST}`, '{{alertname}} {{port}}'))
        .mappings(alertStates())
        .colorScheme(colorFromThresholds())
        .thresholds(thresholds('text'))
        .showValue(common.VisibilityMode.Never)
        .mergeValues(true)
        .legend(new common.VizLegendOptionsBuilder().showLegend(false)),
    )

    .withRow(new dashboard.RowBuilder('What the sidecar finds on the host, side by side'))
    .withPanel(
      findings(
        { title: 'sshd service', description: 'Whether the sshd service runs (systemd, its PidFile, or a process scan).', width: 4 },
        `max by (instance) (sshd_service_active{${S}})`,
        '',
      )
        .mappings(okOrFault('running', 'not running'))
        .dataLinks([runbookLink(ALERT.daemonNotRunning), sidecarPageLink()]),
    )
    .withPanel(
      findings(
        {
          title: 'sshd_config valid',
          description: 'Whether `sshd -t` accepts the configuration; the /sidecar page shows its first error line.',
          width: 4,
        },
        `max by (instance) (sshd_config_valid{${S}})`,
        '',
      )
        .mappings(okOrFault('valid', 'invalid'))
        .dataLinks([runbookLink(ALERT.configInvalid), sidecarPageLink()]),
    )
    .withPanel(
      findings(
        {
          title: 'Host keys',
          description: 'Whether the host key files of each type sshd loads are present and readable (fix: ssh-keygen -A).',
          width: 6,
        },
        `min by (instance, type) (sshd_host_key_present{${S}})`,
        '{{type}}',
      )
        .mappings(okOrFault('present', 'missing'))
        .dataLinks([runbookLink(ALERT.hostKeysMissing), sidecarPageLink()]),
    )
    .withPanel(
      findings(
        {
          title: 'Checks that could look',
          description:
            'Whether each local check could run at all: a check that could not look reports no finding, so the ' +
            'alerts that need it stay silent. The /sidecar page says why.',
          width: 10,
        },
        `min by (instance, check) (sshd_check_success{${S}})`,
        '{{check}}',
      )
        .mappings(okOrFault('looked', 'could not look'))
        .dataLinks([runbookLink(ALERT.sidecarCheckFailing), sidecarPageLink()]),
    )
    .withPanel(
      findings(
        {
          title: 'Ports sshd_config names',
          description: 'The ports sshd_config makes sshd listen on (Port, ListenAddress, Include, Match; 22 when none).',
          width: 4,
        },
        `max by (instance, port) (sshd_config_port_info{${S}})`,
        'port {{port}}',
      )
        .mappings(states([[1, 'in sshd_config', 'blue']]))
        .dataLinks([runbookLink(ALERT.listensElsewhere), sidecarPageLink()]),
    )
    .withPanel(
      findings(
        {
          title: 'Listening',
          description: 'Whether a TCP socket is in LISTEN on each port (what `ss -tlnp` shows), sshd or another program.',
          width: 4,
        },
        `max by (instance, port) (sshd_listener_up{${S}})`,
        'port {{port}}',
      )
        .mappings(okOrFault('listening', 'nothing listens'))
        .dataLinks([runbookLink(ALERT.listensElsewhere), sidecarPageLink()]),
    )
    .withPanel(
      glanceStat({
        title: 'Probed from outside',
        description: 'What the remote probe of each probed port ends in, beside what the host says about that port.',
        unit: 'none',
        width: 4,
        height: 5,
      })
        .withTarget(prom(outcomeCode('ssh_probe_outcome', S, 'port'), 'port {{port}}', 'instant'))
        .reduceOptions(lastValue())
        .mappings(outcomeStates())
        .thresholds(thresholds('text'))
        .textMode(common.BigValueTextMode.ValueAndName),
    )
    .withPanel(
      glanceStat({
        title: 'Loopback probe',
        description:
          'What an SSH probe of each port on 127.0.0.1 ends in, on the host itself: sshd answering locally but not ' +
          'from outside puts the fault on the way in (firewall, network), no answer locally on sshd itself.',
        unit: 'none',
        width: 4,
        height: 5,
      })
        .withTarget(prom(outcomeCode('sshd_local_probe_outcome', S, 'instance, port'), 'port {{port}}', 'instant'))
        .reduceOptions(lastValue())
        .mappings(outcomeStates())
        .thresholds(thresholds('text'))
        .textMode(common.BigValueTextMode.ValueAndName)
        .dataLinks([runbookLink(ALERT.notAnswering), sidecarPageLink()]),
    )
    .withPanel(
      findings(
        {
          title: 'Firewall, per backend',
          description:
            'Whether each firewall of the host (iptables, ip6tables, nftables; ufw and firewalld write their rules ' +
            'there) lets new TCP connections in on each port; the /sidecar page names the rule that decides.',
          width: 8,
        },
        `min by (instance, backend, port) (sshd_firewall_port_allowed{${S}})`,
        '{{backend}} port {{port}}',
      )
        .mappings(okOrFault('allows', 'blocks'))
        .dataLinks([runbookLink(ALERT.firewallBlocking), sidecarPageLink()]),
    )
    .withPanel(
      panel(new table.PanelBuilder(), {
        title: 'Who listens',
        description:
          'Each address in LISTEN on each port and the program that owns it: sshd only on 127.0.0.1 is ' +
          '"listens elsewhere", another program on the SSH port is "port taken by another service".',
        unit: 'string',
        width: 24,
        height: 5,
      })
        .withTarget(prom(`group by (port, address, process) (sshd_listener_info{${S}})`, '', 'table'))
        .withTransformation({
          id: 'organize',
          options: {
            excludeByName: { Time: true, Value: true },
            indexByName: { port: 0, address: 1, process: 2 },
            renameByName: { port: 'Port', address: 'Address', process: 'Program' },
          },
        })
        .dataLinks([runbookLink(ALERT.listensElsewhere), runbookLink(ALERT.portTaken)])
        .noValue('nothing in LISTEN on the ports checked'),
    )
    .withPanel(checksOverTime)

    .withRow(new dashboard.RowBuilder('What sshd offers and the host key it shows'))
    .withPanel(
      verdict(
        {
          title: 'KEXINIT read',
          description:
            'Whether the probe read the KEXINIT sshd sends in the clear after its identification (its list of ' +
            'algorithms, no extra connection): without it the verdicts beside are empty.',
          width: 4,
        },
        `max by (port) (ssh_kexinit_received{${S}})`,
        ['not read', 'orange'],
        ['read', 'green'],
        [link('Runbook: algorithms and host keys', `${RUNBOOK_URL}#${ALGORITHMS_AND_HOST_KEYS}`)],
        'no KEXINIT stage (read_kexinit off, or no banner)',
      ),
    )
    .withPanel(
      verdict(
        {
          title: 'Strict key exchange',
          description:
            'Whether sshd offers strict key exchange (kex-strict-s-v00@openssh.com, OpenSSH 9.6 and backports), ' +
            'the fix for the Terrapin attack.',
          width: 4,
        },
        `min by (port) (ssh_kex_strict_offered{${S}})`,
        ['not offered', 'orange'],
        ['offered', 'green'],
        [runbookLink(ALERT.terrapin)],
        'no KEXINIT read',
      ),
    )
    .withPanel(
      verdict(
        {
          title: 'Terrapin (CVE-2023-48795)',
          description:
            'Whether sshd is open to the Terrapin attack: chacha20-poly1305, or CBC with an encrypt-then-MAC MAC, ' +
            'offered without strict key exchange.',
          width: 4,
        },
        `max by (port) (ssh_terrapin_vulnerable{${S}})`,
        ['not vulnerable', 'green'],
        ['vulnerable', 'orange'],
        [runbookLink(ALERT.terrapin)],
        'no KEXINIT read',
      ),
    )
    .withPanel(
      verdict(
        {
          title: 'Post-quantum key exchange',
          description:
            'Whether sshd offers a hybrid post-quantum key exchange (mlkem768x25519-sha256, ' +
            'sntrup761x25519-sha512): without one, recorded sessions could be decrypted later.',
          width: 4,
        },
        `min by (port) (ssh_kex_post_quantum_offered{${S}})`,
        ['not offered', 'yellow'],
        ['offered', 'green'],
        [runbookLink(ALERT.postQuantumMissing)],
        'no KEXINIT read',
      ),
    )
    .withPanel(
      verdict(
        {
          title: 'Host key verified',
          description:
            'Whether the host key module got a host key whose signature verified, at its last scrape in the last ' +
            '20 minutes (it runs in a slow job). Empty where no host key module probes this host.',
          width: 4,
        },
        `min by (port) (${lastHostKey('ssh_host_key_received')})`,
        ['no verified key', 'red'],
        ['verified', 'green'],
        [runbookLink(ALERT.hostKeyPinMismatch)],
        'no host key module',
      ),
    )
    .withPanel(
      verdict(
        {
          title: 'Host key matches its pin',
          description:
            'Whether the host key matched one of the fingerprints pinned for this target (host_key_fingerprints or ' +
            'known_hosts), at the last scrape of every prober; empty for a target without pins.',
          width: 4,
        },
        `min by (port) (${lastHostKey('ssh_host_key_pin_matches')})`,
        ['matches no pin', 'red'],
        ['matches a pin', 'green'],
        [runbookLink(ALERT.hostKeyPinMismatch)],
        'no pins for this host',
      ),
    )
    .withPanel(
      glanceStat({
        title: 'Weak algorithms offered, by kind',
        description:
          'Which kinds of weak algorithm sshd offers (SHA-1 or 1024-bit key exchange, ssh-rsa or DSA host keys, ' +
          'CBC, 3DES or RC4 ciphers, MD5, SHA-1 or 64-bit MACs, none); the debug probe names the algorithms.',
        unit: 'none',
        width: 12,
        height: 7,
      })
        .withTarget(prom(`max by (port, category) (ssh_weak_algorithm_offered{${S}})`, '{{category}} (port {{port}})', 'instant'))
        .reduceOptions(lastValue())
        .mappings(
          states([
            [0, 'not offered', 'green'],
            [1, 'offered', 'yellow'],
          ]),
        )
        .thresholds(thresholds('green', [1, 'yellow']))
        .textMode(common.BigValueTextMode.ValueAndName)
        .dataLinks([runbookLink(ALERT.weakAlgorithms)])
        .noValue('no KEXINIT read'),
    )
    .withPanel(
      panel(new table.PanelBuilder(), {
        title: 'Host key shown',
        description:
          'The host key the host key module verified, per port: its type and SHA-256 fingerprint (as ' +
          'ssh-keygen -l prints it), over the last 20 minutes; two rows for a port are a key that changed.',
        unit: 'string',
        width: 12,
        height: 7,
      })
        .withTarget(prom(`group by (port, type, fingerprint_sha256) (${lastHostKey('ssh_host_key_info')})`, '', 'table'))
        .withTransformation({
          id: 'organize',
          options: {
            excludeByName: { Time: true, Value: true },
            indexByName: { port: 0, type: 1, fingerprint_sha256: 2 },
            renameByName: { port: 'Port', type: 'Type', fingerprint_sha256: 'Fingerprint (SHA-256)' },
          },
        })
        .dataLinks([runbookLink(ALERT.hostKeyChanged), runbookLink(ALERT.hostKeyPinMismatch)])
        .noValue('no host key read: no host key module probes this host'),
    );

  return tidy(builder.build());
}
