/**
 * `npm run preview [-- --only <text>]`: a picture of every page of the mini program in its main states.
 *  1. jest renders each scene of tests/preview/scenes.ts with the page tests' harness (real WXML through
 *     miniprogram-simulate, the page's own logic against the scene's service answers) into
 *     build/preview/html/*.json;
 *  2. headless Chromium (Debian's `chromium`, driven by playwright-core; every network request blocked)
 *     draws each page in a phone frame at 375×812, device scale 2, into build/preview/<scene>.png;
 *  3. contact-sheet.png shows them all, index.html links them.
 * Needs `apt-get install -y chromium fonts-noto-cjk` (README); `npm test` does not.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PHONE, ROOT, framed } from './frame';

const OUT = path.join(ROOT, 'build', 'preview');
const HTML = path.join(OUT, 'html');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const say = (line: string) => process.stdout.write(`[preview] ${line}\n`);

function renderScenes(only: string): void {
  fs.rmSync(HTML, { recursive: true, force: true });
  say(`rendering scenes${only ? ` matching "${only}"` : ''} with the page harness (jest)…`);
  const run = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '-c',
      path.join(__dirname, 'jest.config.js'),
      '--silent',
      '--passWithNoTests',
    ],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PREVIEW_ONLY: only } },
  );
  if (run.status !== 0) throw new Error('some scenes did not render (see above)');
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = arg('--only') ?? '';
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  renderScenes(only);
  const shots = fs
    .readdirSync(HTML)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, HOME: profile },
  });
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
  // offline: only the files of the project itself
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  const pictures: { name: string; file: string }[] = [];
  let i = 0;
  for (const file of shots) {
    i++;
    const shot = JSON.parse(fs.readFileSync(path.join(HTML, file), 'utf8'));
    const name: string = shot.scene;
    const htmlFile = path.join(HTML, file.replace(/\.json$/, '.html'));
    fs.writeFileSync(htmlFile, framed(shot));
    await page.goto(`file://${htmlFile}`);
    await page.waitForLoadState('load');
    const png = path.join(OUT, file.replace(/\.json$/, '.png'));
    await page.screenshot({ path: png });
    pictures.push({ name, file: path.basename(png) });
    say(`${i}/${shots.length} ${name}`);
  }
  // the contact sheet: every picture, labelled
  const sheet = path.join(OUT, 'contact-sheet.html');
  const cells = pictures
    .map(
      (p) =>
        `<figure><img src="${p.file}"><figcaption>${p.name.replace(/^pages\//, '').replace('/index.', ' · ')}</figcaption></figure>`,
    )
    .join('');
  fs.writeFileSync(
    sheet,
    `<!doctype html><meta charset="utf-8"><style>body{margin:16px;font-family:'Noto Sans CJK SC',sans-serif;background:#eee}
    main{display:grid;grid-template-columns:repeat(8,188px);gap:12px}figure{margin:0}img{width:188px;height:406px;border:1px solid #ccc;background:#fff}
    figcaption{font-size:11px;line-height:1.3;margin-top:4px;word-break:break-all}</style><main>${cells}</main>`,
  );
  const rows = Math.ceil(pictures.length / 8);
  const sheetPage = await browser.newPage({ viewport: { width: 8 * 200 + 24, height: rows * 450 + 32 } });
  await sheetPage.goto(`file://${sheet}`);
  await sheetPage.screenshot({ path: path.join(OUT, 'contact-sheet.png'), fullPage: true });
  fs.writeFileSync(
    path.join(OUT, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>页面预览</title><h1>页面预览</h1><p><a href="contact-sheet.png">总览</a></p><ul>${pictures
      .map((p) => `<li><a href="${p.file}">${p.name}</a></li>`)
      .join('')}</ul>`,
  );
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  say(
    `${pictures.length} pictures and contact-sheet.png in ${path.relative(ROOT, OUT)}/ in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

main().catch((error) => {
  console.error('[preview] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
