/**
 * A page preview's scene: the page, the state it shows and what its services answer. A service answer is
 * a value (resolved) or `fail(code, message)` (rejected as the request layer rejects); a function a scene
 * does not name rejects with a message naming it, so a missing answer shows up in the picture.
 */
import { SERVICES } from '../pages/mocks';

export interface Failure {
  fail: { code: string; message: string };
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

export const fail = (code: string, message: string): Failure => ({ fail: { code, message } });

/** The module path a scene's service key stands for, relative to tests/<dir>/. */
export function servicePath(key: string): string {
  if (key in SERVICES) return SERVICES[key as keyof typeof SERVICES];
  if (key.startsWith('admin/')) return `../../miniprogram/services/${key}`;
  throw new Error(`unknown service module ${key}`);
}

/**
 * Mocks every service module the scene names, and the rest of each module's functions as "missing",
 * with jest.doMock (call before rendering). Keeps real helpers that are not calls (imageSrc…).
 */
export function mockServices(scene: Scene): void {
  const keys = new Set([...Object.keys(SERVICES), ...Object.keys(scene.services)]);
  for (const key of keys) {
    const path = servicePath(key);
    const answers = scene.services[key] ?? {};
    jest.doMock(path, () => {
      const actual = jest.requireActual(path) as Record<string, unknown>;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ServiceError } = require('../../miniprogram/services/request');
      const mocked: Record<string, unknown> = {};
      for (const [name, real] of Object.entries(actual)) {
        if (typeof real !== 'function') {
          mocked[name] = real;
          continue;
        }
        if (name in answers) {
          const answer = answers[name];
          mocked[name] = () =>
            answer && typeof answer === 'object' && 'fail' in answer
              ? Promise.reject(new ServiceError((answer as Failure).fail))
              : Promise.resolve(answer);
        } else if (['imageSrc', 'isLocalMode'].includes(name)) {
          mocked[name] = real;
        } else {
          mocked[name] = () =>
            Promise.reject(new ServiceError({ code: 'INTERNAL', message: `预览数据缺少 ${key}.${name}` }));
        }
      }
      return mocked;
    });
  }
}
