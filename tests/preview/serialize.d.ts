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
export declare function serialize(root: Element): Shot;
