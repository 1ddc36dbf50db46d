/**
 * The phone around a rendered page: status bar, navigation bar with the page's title, the page itself,
 * and for tab pages the tab bar with its icons – what WeChat draws and miniprogram-simulate does not.
 * 375×812 CSS px, the size WeChat lays a page out for on a common phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(__dirname, '../..');
export const MINIPROGRAM = path.join(ROOT, 'miniprogram');
export const PHONE = { width: 375, height: 812 };
const STATUS = 44;
const NAV = 44;
const TAB = 50;
const HOME_INDICATOR = 34;

interface AppJson {
  window: {
    navigationBarTitleText?: string;
    navigationBarBackgroundColor?: string;
    backgroundColor?: string;
  };
  tabBar: {
    color: string;
    selectedColor: string;
    list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[];
  };
}
const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as AppJson;

function titleOf(page: string): string {
  const json = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, `${page}.json`), 'utf8')) as {
    navigationBarTitleText?: string;
  };
  return json.navigationBarTitleText ?? app.window.navigationBarTitleText ?? '';
}

const fileUrl = (file: string) => pathToFileURL(file).href;

/** Built-in components as WeChat shows them, enough for a picture. */
const BUILTINS = `
wx-view, wx-scroll-view, wx-swiper, wx-form, wx-label, wx-navigator, wx-block { display: block; }
wx-text, wx-icon { display: inline; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; background-color: #f3f3f3; }
wx-swiper { position: relative; height: 150px; overflow: hidden; }
wx-swiper-item { display: block; width: 100%; height: 100%; }
wx-input, wx-textarea { display: block; min-height: 1.4em; }
wx-textarea { min-height: 3em; }
wx-button { display: block; position: relative; margin: 0 auto; padding: 0 14px; box-sizing: border-box; font-size: 18px;
  text-align: center; line-height: 2.55; border-radius: 5px; color: #000; background-color: #f8f8f8; }
wx-button[size="mini"] { display: inline-block; line-height: 2.3; font-size: 13px; padding: 0 1.34em; }
wx-canvas { display: block; }
.preview-placeholder { color: #bbb; }
.preview-canvas { display: flex; align-items: center; justify-content: center; height: 100%; min-height: 120px;
  border: 1px dashed #c5c5c5; color: #8c8c8c; font-size: 12px; background: #fafafa; }
`;

export interface FramedPage {
  page: string;
  html: string;
  css: string;
  icons: string[];
}

/** An icon of tdesign as a mask of its SVG, so it takes the text colour like the icon font does. */
function iconCss(icons: string[]): string {
  const dir = path.join(ROOT, 'node_modules', 'tdesign-icons-svg', 'src');
  return icons
    .map((name) => {
      const file = path.join(dir, `${name}.svg`);
      if (!fs.existsSync(file)) return '';
      // the package writes React's `view-box` and a 1em size: a mask needs the real viewBox to scale
      const svg = fs
        .readFileSync(file, 'utf8')
        .replace('view-box=', 'viewBox=')
        .replace(/ width="1em" height="1em"/, '');
      const data = Buffer.from(svg).toString('base64');
      return `.t-icon--t-icon-${name}::before { content: ''; display: inline-block; width: 1em; height: 1em; vertical-align: -0.125em;
        background-color: currentColor; -webkit-mask: url(data:image/svg+xml;base64,${data}) center / contain no-repeat; }`;
    })
    .join('\n');
}

/** Pictures of the fixtures are local drawings; any other address is not reachable offline. */
function localImages(html: string): string {
  const dir = path.join(ROOT, 'tests', 'preview', 'img');
  return html.replace(
    /url\(&quot;\/preview-img\/([a-z0-9-]+\.svg)&quot;\)/g,
    (_m, f: string) => `url(&quot;${fileUrl(path.join(dir, f))}&quot;)`,
  );
}

export function framed({ page, html, css, icons }: FramedPage): string {
  const tabIndex = app.tabBar.list.findIndex((t) => t.pagePath === page);
  const isTab = tabIndex >= 0;
  const bodyHeight = PHONE.height - STATUS - NAV - (isTab ? TAB + HOME_INDICATOR : HOME_INDICATOR);
  const tabs = app.tabBar.list
    .map((t, i) => {
      const on = i === tabIndex;
      const icon = fileUrl(path.join(MINIPROGRAM, on ? t.selectedIconPath : t.iconPath));
      return `<div class="tab"><img src="${icon}"><span style="color:${on ? app.tabBar.selectedColor : app.tabBar.color}">${t.text}</span></div>`;
    })
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${PHONE.width}px; height: ${PHONE.height}px; overflow: hidden;
    font-family: 'Noto Sans CJK SC', 'PingFang SC', sans-serif; font-size: 14px; color: #1f1f1f; }
  .status { height: ${STATUS}px; display: flex; justify-content: space-between; align-items: center; padding: 0 24px;
    font-size: 15px; font-weight: 600; background: ${app.window.navigationBarBackgroundColor ?? '#fff'}; }
  .nav { height: ${NAV}px; line-height: ${NAV}px; text-align: center; font-size: 17px; font-weight: 500; position: relative;
    background: ${app.window.navigationBarBackgroundColor ?? '#fff'}; border-bottom: 1px solid #eee; }
  .capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; border: 1px solid #e5e5e5; border-radius: 16px; box-sizing: border-box; }
  .body { height: ${bodyHeight}px; overflow: hidden; background: ${app.window.backgroundColor ?? '#f5f5f5'}; position: relative; }
  .tabbar { height: ${TAB}px; display: flex; border-top: 1px solid #e5e5e5; background: #fff; }
  .tab { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; font-size: 10px; }
  .tab img { width: 24px; height: 24px; }
  .home { height: ${HOME_INDICATOR}px; background: ${isTab ? '#fff' : (app.window.backgroundColor ?? '#f5f5f5')}; display: flex; justify-content: center; align-items: flex-end; }
  .home::after { content: ''; width: 134px; height: 5px; border-radius: 3px; background: #111; margin-bottom: 8px; }
  main { display: block; }
  ${BUILTINS}
  </style><style>${css}</style><style>${iconCss(icons)}</style></head><body>
  <div class="status"><span>9:41</span><span>100%</span></div>
  <div class="nav">${titleOf(page)}<span class="capsule"></span></div>
  <div class="body">${localImages(html)}</div>
  ${isTab ? `<div class="tabbar">${tabs}</div>` : ''}<div class="home"></div>
  </body></html>`;
}
