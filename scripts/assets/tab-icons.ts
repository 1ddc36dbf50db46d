/**
 * Draws the tab bar icons (miniprogram/assets/tab/*.png, committed): WeChat's tabBar takes PNG files only,
 * 81×81 px and at most 40 KB each. Each icon is a small line drawing of ours on a 24-unit grid, rendered
 * by headless Chromium on a transparent background, in the tab bar's colour and its selected colour
 * (app.json tabBar.color / selectedColor). Run again after changing a drawing:
 *
 *   npx tsx scripts/assets/tab-icons.ts        # needs Debian's chromium
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'miniprogram', 'assets', 'tab');
const SIZE = 81;

/** SVG bodies on a 24×24 grid, stroked with currentColor. */
const ICONS: Record<string, string> = {
  home: '<path d="M3.5 10.5 12 3.5l8.5 7V20a1 1 0 0 1-1 1H15v-6H9v6H4.5a1 1 0 0 1-1-1z"/>',
  cart:
    '<path d="M2.5 4h2.6l2.3 11.2h10.3L20 7.5H6"/>' +
    '<circle cx="9.5" cy="19.5" r="1.5"/><circle cx="16.5" cy="19.5" r="1.5"/>',
  // sharing: one node passing to two
  promote:
    '<circle cx="18" cy="5.5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="18.5" r="2.5"/>' +
    '<path d="m8.2 10.8 7.6-4.1M8.2 13.2l7.6 4.1"/>',
  mine: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7.5 8-7.5s8 3.1 8 7.5"/>',
};

function appColors(): { color: string; selectedColor: string } {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8'));
  return { color: app.tabBar.color, selectedColor: app.tabBar.selectedColor };
}

function svg(body: string, color: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24" ` +
    `fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">` +
    `${body}</svg>`
  );
}

function render(markup: string, file: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tab-icon-'));
  const html = path.join(dir, 'icon.html');
  fs.writeFileSync(html, `<html><body style="margin:0;background:transparent">${markup}</body></html>`);
  const run = spawnSync(
    process.env.CHROMIUM ?? '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--hide-scrollbars',
      '--default-background-color=00000000',
      `--window-size=${SIZE},${SIZE}`,
      `--screenshot=${file}`,
      `file://${html}`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0 || !fs.existsSync(file)) {
    throw new Error(`chromium could not draw ${path.basename(file)}: ${run.error?.message ?? run.stderr}`);
  }
}

function main(): void {
  const { color, selectedColor } = appColors();
  fs.mkdirSync(OUT, { recursive: true });
  for (const [name, body] of Object.entries(ICONS)) {
    for (const [suffix, stroke] of [
      ['', color],
      ['-active', selectedColor],
    ]) {
      const file = path.join(OUT, `${name}${suffix}.png`);
      render(svg(body, stroke), file);
      console.log(`[tab-icons] ${path.relative(ROOT, file)} ${fs.statSync(file).size} bytes`);
    }
  }
}

main();
