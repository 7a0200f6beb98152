// Lighthouse for `make bench` (section 6, lighthouse.rs runs this with `node`): reads
//   {"runs": 3, "pages": [{"name": "...", "url": "http://...", "session": "<JSON>" | null,
//                          "check": "css selector"}]}
// on stdin, runs Lighthouse's performance category on every page `runs` times (mobile, simulated
// throttling: Lighthouse's defaults), the pages interleaved so a slow moment of the machine falls
// on all of them alike, and writes
//   [{"name": "...", "runs": [{"score", "fcp", "lcp", "tbt", "cls", "benchmarkIndex", "shown",
//                              "lcpElement", "warnings"}]}]
// on stdout. Progress goes to stderr.
//
// Every run is a first visit in a new tab: the browser's cache is emptied first. The storage is
// not reset by Lighthouse (`disableStorageReset`), so that a signed-in page finds the session the
// app keeps in the tab's sessionStorage (`wgll.session`), written before Lighthouse navigates.
// After the run, `shown` is the text of the page's `check` element, so the runner can tell that
// the page it measured is the page it meant (not a sign-in prompt or an error).

import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const input = JSON.parse(readFileSync(0, 'utf8'));

// Lighthouse's defaults, written out: a mobile phone on a slow 4G network with a 4× slower CPU,
// simulated from an unthrottled load (Lighthouse's "Lantern").
const config = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: ['performance'],
    formFactor: 'mobile',
    throttlingMethod: 'simulate',
    disableStorageReset: true,
  },
};

const profile = mkdtempSync(join(tmpdir(), 'wgll-lighthouse-'));
// The flags Chromium needs on a machine with no display and no network (see TOOLCHAIN.md);
// puppeteer adds --headless=new.
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  userDataDir: profile,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  ],
});

async function measure(page) {
  const tab = await browser.newPage();
  try {
    const cdp = await tab.createCDPSession();
    // As Lighthouse's own storage reset does for the cache: the disk cache wiped, then the memory
    // cache evicted by turning it off and on.
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', {cacheDisabled: true});
    await cdp.send('Network.setCacheDisabled', {cacheDisabled: false});
    await cdp.detach();
    if (page.session) {
      // A small answer of the same origin (not the app, whose code would then be cached).
      await tab.goto(new URL('/api/sign-in', page.url).href);
      await tab.evaluate((value) => sessionStorage.setItem('wgll.session', value), page.session);
    }
    const result = await lighthouse(page.url, {logLevel: 'error', output: 'json'}, config, tab);
    const lhr = result.lhr;
    if (lhr.runtimeError) {
      throw new Error(`${page.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    }
    const audit = (id) => {
      const value = lhr.audits[id]?.numericValue;
      if (typeof value !== 'number') {
        throw new Error(`${page.name}: no ${id} (${lhr.audits[id]?.errorMessage ?? 'not measured'})`);
      }
      return value;
    };
    const shown = await tab.evaluate(
      (selector) => document.querySelector(selector)?.textContent?.trim() ?? null, page.check);
    const lcpItems = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items;
    return {
      score: lhr.categories.performance.score,
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      shown,
      lcpElement: lcpItems?.[0]?.node?.nodeLabel ?? null,
      warnings: lhr.runWarnings.map(String),
    };
  } finally {
    await tab.close();
  }
}

const results = input.pages.map((page) => ({name: page.name, runs: []}));
try {
  for (let run = 1; run <= input.runs; run++) {
    for (const [index, page] of input.pages.entries()) {
      const started = Date.now();
      const measured = await measure(page);
      results[index].runs.push(measured);
      process.stderr.write(
        `  lighthouse run ${run}/${input.runs} ${page.name}: score ${measured.score}, ` +
          `LCP ${measured.lcp.toFixed(0)} ms (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
  }
} finally {
  await browser.close();
  rmSync(profile, {recursive: true, force: true});
}
process.stdout.write(JSON.stringify(results));
