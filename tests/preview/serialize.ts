/**
 * The rendered page as static HTML for a browser: miniprogram-simulate's DOM (WeChat tag names, class
 * names prefixed per component) plus what simulate keeps only as the built-in components' attributes –
 * an image's picture, an input's text, a canvas – and the prefixed styles it put in <head>.
 */
export interface Shot {
  html: string;
  css: string;
  /** tdesign icon names used (drawn from tdesign-icons-svg by the browser step). */
  icons: string[];
  canvases: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- simulate's DOM carries its virtual tree untyped */
const attrsOf = (el: any): Record<string, unknown> =>
  Object.fromEntries(
    ((el.__wxElement?._vt?.attrs ?? []) as { name: string; value: unknown }[]).map((a) => [a.name, a.value]),
  );

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const IMAGE_MODES: Record<string, string> = {
  scaleToFill: 'background-size:100% 100%',
  aspectFit: 'background-size:contain;background-position:center',
  aspectFill: 'background-size:cover;background-position:center',
  widthFix: 'background-size:100% auto',
};

export function serialize(root: Element): Shot {
  const icons = new Set<string>();
  let canvases = 0;
  const walk = (node: any): string => {
    if (node.nodeType === 3) return esc(node.data);
    if (node.nodeType !== 1) return '';
    const tag = node.localName as string;
    const attrs = attrsOf(node);
    const cls = node.getAttribute('class') ?? '';
    // inline styles keep WeChat's rpx (750rpx = the 375 px screen)
    let style = (node.getAttribute('style') ?? '').replace(
      /(-?\d*\.?\d+)rpx/g,
      (_m: string, n: string) => `${(Number(n) * 375) / 750}px`,
    );
    let inner = Array.from(node.childNodes as ArrayLike<any>)
      .map(walk)
      .join('');
    const extra: string[] = [];
    for (const m of cls.matchAll(/t-icon--t-icon-([a-z0-9-]+)/g)) if (m[1] !== 'base') icons.add(m[1]);
    if (tag === 'wx-image') {
      const src = typeof attrs.src === 'string' ? attrs.src : '';
      style += `;background-image:url("${esc(src)}");background-repeat:no-repeat;${IMAGE_MODES[String(attrs.mode ?? 'scaleToFill')] ?? IMAGE_MODES.scaleToFill}`;
    }
    if (tag === 'wx-input' || tag === 'wx-textarea') {
      const value = String(attrs.value ?? '');
      const placeholder = String(attrs.placeholder ?? '');
      inner = value ? esc(value) : `<span class="preview-placeholder">${esc(placeholder)}</span>`;
    }
    if (tag === 'wx-canvas') {
      canvases++;
      inner = '<span class="preview-canvas">画布（Canvas 2D，真机上绘制）</span>';
    }
    if (tag === 'wx-swiper-item' && node.previousElementSibling) style += ';display:none';
    if (tag === 'wx-button' && attrs.type) extra.push(`type="${esc(String(attrs.type))}"`);
    if (tag === 'wx-button' && attrs.size) extra.push(`size="${esc(String(attrs.size))}"`);
    if (attrs.disabled === true || attrs.disabled === 'true') extra.push('disabled');
    if (tag === 'wx-switch' && (attrs.checked === true || attrs.checked === 'true')) extra.push('checked');
    return `<${tag}${cls ? ` class="${esc(cls)}"` : ''}${style ? ` style="${esc(style)}"` : ''}${extra.length ? ` ${extra.join(' ')}` : ''}>${inner}</${tag}>`;
  };
  const css = Array.from(document.head.querySelectorAll('style'))
    .map((s) => s.textContent ?? '')
    .join('\n');
  return { html: walk(root), css, icons: [...icons], canvases };
}
