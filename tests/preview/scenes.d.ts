import { type Scene } from './scene';
export declare const SCENES: Scene[];
