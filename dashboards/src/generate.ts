// Writes the dashboards as Grafana JSON: dashboards/*.json, or into the directory given.
//   npm run dashboards            regenerate the committed files after changing the code or the runbook
//   npm run dashboards -- DIR     write them elsewhere (the tests compare that with the committed files)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fleetDashboard } from './fleet';
import { hostDashboard } from './host';
import { alertSections } from './runbook';

const repository = resolve(__dirname, '..', '..');
const output = process.argv[2] ? resolve(process.argv[2]) : join(repository, 'dashboards');
// The table's runbook links name each alert's section; the runbook's `### ` headings are the list of them.
const alerts = alertSections(join(repository, 'docs', 'runbook.md'));

mkdirSync(output, { recursive: true });
for (const [file, dashboard] of [
  ['ssh-fleet.json', fleetDashboard(alerts)],
  ['ssh-host.json', hostDashboard(alerts)],
] as const) {
  writeFileSync(join(output, file), `${JSON.stringify(dashboard, null, 2)}\n`);
}
