// Loads the web build in headless Chromium and checks what a visitor would see:
//   1. the first view: the map with its rings (a screenshot of hundreds of colours), the first
//      frame within 3 s of the page starting to load, no errors in the console;
//   2. a link whose fragment carries a scenario (encoded here independently of the app, with
//      Node's own raw deflate and base64url): the page shows that scenario's title.
// Usage: node check.mjs BASE_URL OUT_DIR   (run by tools/web/check.sh, which serves the page)
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url); // resolved through NODE_PATH
const { chromium } = require('playwright-core');
const { PNG } = require('pngjs');

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node check.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const FIRST_FRAME_BUDGET_MS = 3000;
const MIN_COLOURS = 200;
const failures = [];
const fail = (message) => {
  failures.push(message);
  console.error(`FAIL: ${message}`);
};

function distinctColours(pngBytes) {
  const png = PNG.sync.read(pngBytes);
  const seen = new Set();
  for (let i = 0; i < png.data.length; i += 4) {
    seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  }
  return seen.size;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--no-first-run', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    // WebGL2 without a GPU: ANGLE on SwiftShader, on the CPU.
    '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  ],
});

/**
 * Drags the map for two seconds (a pointer move every 16 ms) and times the frames eframe
 * draws meanwhile: the gaps between its requestAnimationFrame callbacks, which it asks for
 * only when something changed, so each gap is one whole frame (input, layout, painting).
 */
async function panFrameTimes(page) {
  await page.evaluate(() => { window.__frameTimes = []; window.__recordFrames = true; });
  const x0 = 900, y0 = 450;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const start = Date.now();
  for (let i = 0; Date.now() - start < 2000; i++) {
    await page.mouse.move(x0 + 200 * Math.sin(i / 20), y0 + 100 * Math.cos(i / 25));
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const stamps = await page.evaluate(() => { window.__recordFrames = false; return window.__frameTimes; });
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const at = (q) => gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] : NaN;
  return { count: gaps.length, seconds: (Date.now() - start) / 1000, median: at(0.5), p90: at(0.9) };
}

/** Opens `url` in a fresh page (fresh storage), waits for the first frame and its rings. */
async function visit(name, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Timestamps of the frames the app asks for, while panFrameTimes records them.
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => raf((t) => {
      if (window.__recordFrames) window.__frameTimes.push(performance.now());
      callback(t);
    });
  });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    else if (m.text().startsWith('range-rings')) console.log(`  console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'load' });
  let firstFrameMs = null;
  try {
    const handle = await page.waitForFunction(
      () => document.documentElement.getAttribute('data-first-frame-ms'),
      null,
      { timeout: 60000 },
    );
    firstFrameMs = Number(await handle.jsonValue());
  } catch {
    fail(`${name}: no first frame within 60 s`);
  }
  // Rings and the reach table are filled in by background work after the first frame.
  await page.waitForTimeout(4000);
  const shot = await page.screenshot();
  const path = join(outDir, `${name}.png`);
  (await import('node:fs')).writeFileSync(path, shot);
  const colours = distinctColours(shot);
  const title = await page.title();
  const frames = await panFrameTimes(page);
  console.log(`${name}: panning, ${frames.count} frames in ${frames.seconds.toFixed(1)} s: ` +
    `median ${frames.median.toFixed(1)} ms, 90th percentile ${frames.p90.toFixed(1)} ms a frame`);
  console.log(`${name}: first frame ${firstFrameMs} ms after load began; ` +
    `${colours} colours; title "${title}"; screenshot ${path}`);
  if (firstFrameMs !== null && firstFrameMs > FIRST_FRAME_BUDGET_MS) {
    fail(`${name}: first frame ${firstFrameMs} ms, budget ${FIRST_FRAME_BUDGET_MS} ms`);
  }
  if (colours < MIN_COLOURS) {
    fail(`${name}: only ${colours} colours in the screenshot: no map drawn?`);
  }
  for (const e of errors) fail(`${name}: console error: ${e}`);
  await context.close();
  return { title };
}

const first = await visit('first-view', `${base}/`);
if (!first.title.includes('range-rings')) fail(`first view: title "${first.title}"`);

const scenario = JSON.parse(readFileSync(join(repo, 'tests/data/minimal.json'), 'utf8'));
scenario.title = 'Link check: Pukguksong-3 from the Japan Basin';
const fragment = 'scenario=' + deflateRawSync(JSON.stringify(scenario)).toString('base64url');
const linked = await visit('from-link', `${base}/#${fragment}`);
if (!linked.title.includes(scenario.title)) {
  fail(`from link: page title "${linked.title}" lacks "${scenario.title}"`);
}

await browser.close();
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('web build: all checks passed');
