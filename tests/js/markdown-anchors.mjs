#!/usr/bin/env node
// Prints the anchors a Markdown file offers on GitHub, one per line: the slug GitHub gives each heading
// (github-slugger, the library GitHub's own slugs are modelled on, with -1, -2 ... for repeated headings) and
// every explicit <a id="..."> or <a name="..."> outside code. Fenced code blocks, indented code and HTML
// comments are skipped: a "# comment" line in a shell example is not a heading.
//
// With --outline, each line is LEVEL<TAB>TEXT<TAB>ANCHOR: a heading's level (1-6) and its text as written (tabs
// become spaces), or level 0 and no text for an explicit id; the tests read headings only from this, so that one
// Markdown reader decides what is a heading.
//
// Usage: node tests/js/markdown-anchors.mjs [--outline] FILE.md
// Needs the repository's dev dependencies (npm ci at the repository root).
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';

const args = process.argv.slice(2);
const outline = args[0] === '--outline';
const file = args[outline ? 1 : 0];
if (!file || args.length > (outline ? 2 : 1)) {
  process.stderr.write('usage: markdown-anchors.mjs [--outline] FILE.md\n');
  process.exit(2);
}

const lines = readFileSync(file, 'utf8').split(/\r\n|\n|\r/);
const slugger = new GithubSlugger();
const anchors = []; // { level, text, anchor }, in document order

// The text GitHub puts in a heading's element, whose textContent it slugs: inline Markdown reduced to its text.
// Code spans are literal, so only the text between them loses its Markdown.
function headingText(markdown) {
  return markdown
    .split(/(`+)(.*?)\1/)
    .map((part, i) => (i % 3 === 2 ? part : i % 3 === 1 ? '' : inlineText(part)))
    .join('')
    .trim();
}

function inlineText(markdown) {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // image: its alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // link: its text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1') // reference link: its text
    .replace(/<[^>]+>/g, '') // inline HTML tags (their text stays)
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2') // strong
    .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])/g, '$1$2') // emphasis with *
    .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2') // emphasis with _ (not inside words)
    .replace(/~~(.+?)~~/g, '$1') // strikethrough
    .replace(/\\([!-/:-@[-`{-~])/g, '$1'); // backslash escapes
}

function heading(level, text) {
  anchors.push({ level, text: text.replace(/\t/g, ' '), anchor: slugger.slug(headingText(text)) });
}

function explicitIds(line) {
  for (const match of line.matchAll(/<a\s[^>]*?\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    anchors.push({ level: 0, text: '', anchor: match[1] ?? match[2] });
  }
}

let fence = null; // the open fence's character and length, while inside a fenced code block
let inComment = false;
let previous = null; // the previous line when it could be the text of a setext heading
let inTable = false; // a table runs to the next blank line; none of its rows is a heading's text
for (const line of lines) {
  if (fence) {
    const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
    if (close && close[1][0] === fence.char && close[1].length >= fence.length) {
      fence = null;
    }
    continue;
  }
  if (inComment) {
    if (line.includes('-->')) {
      inComment = false;
    }
    continue;
  }

  const open = line.match(/^ {0,3}(`{3,}|~{3,})/);
  if (open && !(open[1][0] === '`' && line.slice(open.index + open[1].length).includes('`'))) {
    fence = { char: open[1][0], length: open[1].length };
    previous = null;
    continue;
  }
  if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) {
    inComment = true;
    previous = null;
    continue;
  }
  const visible = line.replace(/<!--.*?-->/g, '').replace(/(`+).*?\1/g, '');

  const atx = line.match(/^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/);
  if (atx) {
    heading(atx[1].length, atx[2] ?? '');
    explicitIds(visible);
    previous = null;
    continue;
  }

  const underline = line.match(/^ {0,3}(=+|-+)[ \t]*$/);
  if (underline && previous !== null) {
    heading(underline[1][0] === '=' ? 1 : 2, previous);
    previous = null;
    continue;
  }

  explicitIds(visible);
  const blank = /^\s*$/.test(line);
  const indentedCode = /^( {4}|\t)/.test(line) && previous === null;
  inTable = !blank && (inTable || /^ {0,3}\|/.test(line));
  // Only a plain paragraph line can become a setext heading: not a table row, list item, quote or HTML block.
  previous = blank || indentedCode || inTable || /^ {0,3}([>*+-]|\d+[.)]\s|<)/.test(line) ? null : line.trim();
}

process.stdout.write(anchors.map(a => (outline ? `${a.level}\t${a.text}\t${a.anchor}\n` : `${a.anchor}\n`)).join(''));
