/** The tab bar's icons as WeChat takes them: PNG, 81×81 px, at most 40 KB, one per state of every tab. */
import fs from 'node:fs';
import path from 'node:path';

const MINIPROGRAM = path.resolve(__dirname, '../../miniprogram');
const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('tab bar icons', () => {
  const icons: [string, string][] = app.tabBar.list.flatMap(
    (tab: { text: string; iconPath?: string; selectedIconPath?: string }) => [
      [tab.text, tab.iconPath ?? ''],
      [`${tab.text} (selected)`, tab.selectedIconPath ?? ''],
    ],
  );

  it.each(icons)('%s: %s', (_tab, file) => {
    expect(file).toMatch(/\.png$/);
    const data = fs.readFileSync(path.join(MINIPROGRAM, file));
    expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect([data.readUInt32BE(16), data.readUInt32BE(20)]).toEqual([81, 81]);
    expect(data.length).toBeLessThanOrEqual(40 * 1024);
  });

  it('differ between the normal and the selected state', () => {
    for (const tab of app.tabBar.list) {
      const normal = fs.readFileSync(path.join(MINIPROGRAM, tab.iconPath));
      expect(normal.equals(fs.readFileSync(path.join(MINIPROGRAM, tab.selectedIconPath)))).toBe(false);
    }
  });
});
