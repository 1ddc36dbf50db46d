export interface Failure {
    fail: {
        code: string;
        message: string;
    };
}
export type Answers = Record<string, Record<string, unknown>>;
export interface Scene {
    /** `pages/…/index` as in app.json. */
    page: string;
    /** data, empty, error, … – the picture's name is `<page>.<state>`. */
    state: string;
    /** Service module → function → answer. Modules: the SERVICES keys and `admin/<family>`. */
    services: Answers;
    query?: Record<string, string>;
    storage?: Record<string, unknown>;
    /** Runs after the page loaded, before the picture (open a form, tap a tab…). */
    act?: (instance: Record<string, (...args: unknown[]) => unknown>) => void | Promise<void>;
}
export declare const fail: (code: string, message: string) => Failure;
/** The module path a scene's service key stands for, relative to tests/<dir>/. */
export declare function servicePath(key: string): string;
/**
 * Mocks every service module the scene names, and the rest of each module's functions as "missing",
 * with jest.doMock (call before rendering). Keeps real helpers that are not calls (imageSrc…).
 */
export declare function mockServices(scene: Scene): void;
