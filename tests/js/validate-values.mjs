#!/usr/bin/env node
// Checks Helm values against a chart's values.schema.json (JSON Schema draft-07, which Helm uses), as Helm does
// before it renders: one line per problem, FILE PATH: MESSAGE. ajv runs in strict mode, so a schema keyword it
// does not know (a typo in the schema itself) is an error too.
//
// Input: JSON files of merged values, as tests/helm-render prints them with -output values.
// Usage: node tests/js/validate-values.mjs values.schema.json VALUES.json...   (exit 0 when all are valid)
// Needs the repository's dev dependencies (npm ci at the repository root).
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const [schemaFile, ...valueFiles] = process.argv.slice(2);
if (!schemaFile || valueFiles.length === 0) {
  process.stderr.write('usage: validate-values.mjs values.schema.json VALUES.json...\n');
  process.exit(2);
}
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
const problems = [];
for (const file of valueFiles) {
  if (!validate(JSON.parse(readFileSync(file, 'utf8')))) {
    for (const e of validate.errors) {
      const detail = e.params.additionalProperty ?? e.params.allowedValues?.join(', ') ?? '';
      problems.push(`${file} ${e.instancePath || '/'}: ${e.message}${detail ? ` (${detail})` : ''}`);
    }
  }
}
process.stdout.write(problems.map(p => `${p}\n`).join(''));
process.exit(problems.length > 0 ? 1 : 0);
