// Links into docs/runbook.md. Every alert has one section there, headed `### AlertName`; GitHub gives that heading
// the alert's name in lower case as its anchor, the anchor each alert's runbook_url and the exporter's own pages
// link to as well.
import { readFileSync } from 'node:fs';

/** The runbook's address, as in every runbook_url of alerts/ssh-exporter.rules.yml and the exporter's --web.runbook-url. */
export const RUNBOOK_URL = 'https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md';

/** The runbook's first steps (its `## Triage` section), for a failing target that no alert fires for yet. */
export const TRIAGE = 'triage';

/**
 * The runbook's introduction to the algorithm and host key alerts (its `## ` heading's anchor): what the KEXINIT and
 * host key stages read and cost. The dashboard tests check that the anchor is still there.
 */
export const ALGORITHMS_AND_HOST_KEYS = 'algorithms-and-host-keys-what-sshd-offers-and-which-key-it-shows';

/** The alerts whose sections the panels link to: each check of the sidecar, the exporter's own faults, algorithms and host keys. */
export const ALERT = {
  daemonNotRunning: 'SshDaemonNotRunning',
  hostKeysMissing: 'SshHostKeysMissing',
  configInvalid: 'SshConfigInvalid',
  listensElsewhere: 'SshDaemonListensElsewhere',
  firewallBlocking: 'SshHostFirewallBlocking',
  notAnswering: 'SshDaemonNotAnswering',
  portTaken: 'SshPortTakenByOtherService',
  sidecarCheckFailing: 'SshSidecarCheckFailing',
  configReloadFailed: 'SshExporterConfigReloadFailed',
  exporterDown: 'SshExporterDown',
  terrapin: 'SshTerrapinVulnerable',
  weakAlgorithms: 'SshWeakAlgorithmsOffered',
  postQuantumMissing: 'SshPostQuantumKexMissing',
  hostKeyPinMismatch: 'SshHostKeyPinMismatch',
  hostKeyChanged: 'SshHostKeyChanged',
} as const;

/** The alert names the runbook has a section for: its `### ` headings outside code blocks, in order. */
export function alertSections(runbookFile: string): string[] {
  const alerts: string[] = [];
  let fence: string | null = null;
  for (const line of readFileSync(runbookFile, 'utf8').split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) {
      fence = marker;
    } else if (fence !== null && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) {
      fence = null;
    } else if (fence === null && line.startsWith('### ')) {
      const name = line.slice(4).trim();
      if (!/^Ssh[A-Za-z]+$/.test(name)) {
        throw new Error(`${runbookFile}: the section heading '${line}' is not an alert name`);
      }
      alerts.push(name);
    }
  }
  for (const alert of Object.values(ALERT)) {
    if (!alerts.includes(alert)) {
      throw new Error(`${runbookFile}: no section '### ${alert}', which the dashboards link to`);
    }
  }
  return alerts;
}

/** The runbook section of an alert: its name in lower case is the heading's anchor. */
export function runbookUrl(alert: string): string {
  return `${RUNBOOK_URL}#${alert.toLowerCase()}`;
}

/**
 * Gives each series of `expr` a `runbook` label: the anchor of the section of its `alertname` (the name in lower
 * case; PromQL cannot lower-case a label, so one label_replace per alert of the runbook), or the triage section
 * for a series without an alert the runbook knows.
 */
export function withRunbookLabel(expr: string, alerts: readonly string[]): string {
  return [
    `label_replace(${'label_replace('.repeat(alerts.length)}`,
    indent(expr, 2),
    ...alerts.map(alert => `, "runbook", "${alert.toLowerCase()}", "alertname", "${alert}")`),
    `, "runbook", "${TRIAGE}", "runbook", "")`,
  ].join('\n');
}

export function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map(line => (line.length > 0 ? ' '.repeat(spaces) + line : line))
    .join('\n');
}
