import { type Scene } from './scene';
export declare function renderScene(scene: Scene): Promise<import("../pages/harness").RenderedPage>;
