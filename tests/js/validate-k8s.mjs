#!/usr/bin/env node
// Validates rendered Kubernetes objects twice, and prints one line per problem: SOURCE KIND/NAME PATH: MESSAGE.
//
// 1. The model of the object's apiVersion and kind from kubernetes-models (built-in kinds) or
//    @kubernetes-models/prometheus-operator (Probe, ServiceMonitor, PodMonitor, PrometheusRule) validates it:
//    types, enums, formats and required fields, from the OpenAPI schemas of Kubernetes and of the Operator's CRDs.
//    Those validators let unknown fields through, as the schemas do not forbid them.
// 2. TypeScript's checker reads each object as an object literal of the model's interface, which the packages
//    generate from the same schemas: every field, at any depth, must be a property of the interface it stands in
//    (or fall under an index signature, as labels do), and TypeScript reports wrong types and missing required
//    fields. Kubernetes would drop an unknown field (or, with strict field validation, reject it); either way a
//    misspelt field would silently do nothing.
//
// Input: JSON arrays as tests/helm-render prints them with -output json, [{"source": FILE, "object": {...}}];
// several files are checked in one TypeScript program, which is where the time goes.
// Usage: node tests/js/validate-k8s.mjs RENDERED.json...     (exit 0 when every object passes both checks)
// Needs the repository's dev dependencies (npm ci at the repository root).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: validate-k8s.mjs RENDERED.json...\n');
  process.exit(2);
}
// Every object of every file, its source prefixed with the file's name when there are several.
const rendered = files.flatMap(file => JSON.parse(readFileSync(file, 'utf8'))
  .map(({ source, object }) => ({ source: files.length > 1 ? `${basename(file)}: ${source}` : source, object })));

// The package holding the models of an apiVersion: "v1" and "apps/v1" are kubernetes-models/v1 and /apps/v1.
function modelPackage(apiVersion) {
  return apiVersion.startsWith('monitoring.coreos.com/')
    ? `@kubernetes-models/prometheus-operator/${apiVersion}`
    : `kubernetes-models/${apiVersion}`;
}

const problems = [];
const checked = []; // { index, source, what, pkg, kind } of the objects that have a model
for (const [index, { source, object }] of rendered.entries()) {
  const what = `${object?.kind ?? '(no kind)'}/${object?.metadata?.name ?? '(no name)'}`;
  const report = (path, message) => problems.push(`${source} ${what} ${path || '/'}: ${message}`);
  let Model;
  try {
    Model = (await import(modelPackage(object.apiVersion)))[object.kind];
  } catch {
    Model = undefined;
  }
  if (typeof Model !== 'function') {
    report('', `no model for apiVersion ${object?.apiVersion} kind ${object?.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    for (const e of error.errors ?? [{ instancePath: '', message: error.message }]) {
      report(e.instancePath, `${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
    }
  }
  checked.push({ index, source, what, pkg: modelPackage(object.apiVersion), kind: object.kind });
}

// One TypeScript file in memory: an import of each interface, and each object as a typed constant o<index>.
const here = fileURLToPath(new URL('.', import.meta.url));
const virtualFile = `${here}rendered-objects.ts`;
const text = [
  ...checked.map(({ index, pkg, kind }) => `import type { I${kind} as T${index} } from ${JSON.stringify(pkg)};`),
  ...checked.map(({ index }) => `export const o${index}: T${index} = ${JSON.stringify(rendered[index].object, null, 1)};`),
].join('\n');
const options = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};
const host = ts.createCompilerHost(options);
const source = ts.createSourceFile(virtualFile, text, ts.ScriptTarget.ES2022, true);
const { getSourceFile, fileExists, readFile } = host;
host.getSourceFile = (name, ...rest) => (name === virtualFile ? source : getSourceFile.call(host, name, ...rest));
host.fileExists = name => name === virtualFile || fileExists.call(host, name);
host.readFile = name => (name === virtualFile ? text : readFile.call(host, name));
const program = ts.createProgram([virtualFile], options, host);

// The JSON path of the node at a position, and the object it is in: property names and array indexes up to o<N>.
function locate(position) {
  let node = source;
  for (let inner = node; inner; ) {
    node = inner;
    inner = node.getChildren(source).find(child => child.getStart(source) <= position && position < child.getEnd());
  }
  const path = [];
  for (; node; node = node.parent) {
    if (ts.isPropertyAssignment(node)) {
      path.unshift(node.name.text);
    } else if (ts.isArrayLiteralExpression(node.parent ?? {}) && ts.isExpression(node)) {
      path.unshift(String(node.parent.elements.indexOf(node)));
    } else if (ts.isVariableDeclaration(node)) {
      return { index: Number(node.name.text.slice(1)), path: `/${path.join('/')}` };
    }
  }
  return { index: -1, path: '' };
}

function report(position, message) {
  const { index, path } = locate(position);
  const object = checked.find(o => o.index === index);
  problems.push(object ? `${object.source} ${object.what} ${path}: ${message}` : `(type check) ${message}`);
}

// Every field of every object literal must be a property of its interface (or of a member of a union, or fall
// under an index signature). Walked here rather than left to TypeScript's excess property errors, which stop at
// the first problem of an object.
const checker = program.getTypeChecker();
function knowsProperty(type, name) {
  const members = type.isUnion() ? type.types : [type];
  const objects = members.filter(member => member.flags & ts.TypeFlags.Object);
  return objects.length === 0 // not an object where one is expected: a type error, reported below
    || objects.some(member => member.getProperty(name) || checker.getIndexInfosOfType(member).length > 0);
}
(function visit(node) {
  if (ts.isObjectLiteralExpression(node)) {
    const type = checker.getContextualType(node);
    for (const property of node.properties) {
      if (type && !knowsProperty(checker.getNonNullableType(type), property.name.text)) {
        report(property.name.getStart(source), `unknown field '${property.name.text}' (not in ${checker.typeToString(checker.getNonNullableType(type))})`);
      }
    }
  }
  ts.forEachChild(node, visit);
})(source);

// TypeScript's own errors: wrong types and missing required fields (the unknown fields were reported above).
const excessPropertyErrors = new Set([2353, 2561]);
for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
  if (!excessPropertyErrors.has(diagnostic.code)) {
    report(diagnostic.file === source ? diagnostic.start : -1, ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\s+/g, ' '));
  }
}

if (problems.length > 0) {
  process.stdout.write(problems.map(p => `${p}\n`).join(''));
  process.exit(1);
}
process.stdout.write(`${rendered.length} objects valid\n`);
