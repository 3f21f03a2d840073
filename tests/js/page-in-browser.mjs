#!/usr/bin/env node
// Opens one page of the exporter in the Debian Chromium (headless, through puppeteer-core), as a person on a phone
// would see it (390 px wide), takes a full-page screenshot (and one of the part above the third heading), runs axe-core in it, and prints what a person sees as
// JSON: each verdict card's badge text, name, sentence, runbook link and computed colours; every link's target;
// whether the page is wider than the screen; every request it made; and axe's violations.
//
// Usage: node tests/js/page-in-browser.mjs CHROMIUM URL SCREENSHOT.png
// Needs the repository's dev dependencies (npm ci at the repository root).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const [chromium, url, screenshot] = process.argv.slice(2);
if (!chromium || !url || !screenshot) {
  process.stderr.write('usage: page-in-browser.mjs CHROMIUM URL SCREENSHOT.png\n');
  process.exit(2);
}
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
  const requests = [];
  page.on('request', request => requests.push(request.url()));
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  // And the part on-call reads first, the verdicts and the recent probes (up to the third heading), as SCREENSHOT-top.png.
  const top = await page.evaluate(() => {
    const third = document.querySelectorAll('h2')[2];
    return third ? Math.ceil(third.getBoundingClientRect().top + window.scrollY) : null;
  });
  if (top) {
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-top.png'), clip: { x: 0, y: 0, width: 390, height: top } });
  }
  const seen = await page.evaluate(() => {
    const text = element => (element?.innerText ?? '').replace(/\s+/g, ' ').trim();
    return {
      title: document.title,
      refresh: document.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content') ?? null,
      overflowsScreen: document.documentElement.scrollWidth > window.innerWidth,
      cards: [...document.querySelectorAll('section.verdict')].map(card => {
        const badge = card.querySelector('.state');
        const runbook = card.querySelector('a.runbook');
        return {
          badge: text(badge),
          name: text(card.querySelector('h3')).slice(text(badge).length).trim(),
          sentence: text(card.querySelector('.sentence')),
          badgeColor: getComputedStyle(badge).backgroundColor,
          badgeTextColor: getComputedStyle(badge).color,
          borderColor: getComputedStyle(card).borderLeftColor,
          runbook: runbook?.href ?? null,
          runbookText: text(runbook),
          commands: [...card.querySelectorAll('pre code')].map(code => code.innerText),
          visibleInFirstScreen: card.getBoundingClientRect().top < window.innerHeight,
        };
      }),
      links: [...document.querySelectorAll('a[href]')].map(a => ({ text: text(a), href: a.href })),
      failures: [...document.querySelectorAll('strong.fail')].map(text),
    };
  });
  await page.evaluate(axeSource);
  const axe = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }));
  });
  process.stdout.write(JSON.stringify({ status: response.status(), ...seen, requests, axe }) + '\n');
} finally {
  await browser.close();
}
