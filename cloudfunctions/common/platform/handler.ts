/**
 * Action dispatch shared by every cloud function: `event.action` picks the handler, its zod schema
 * validates the rest of the event, the caller comes from the call context only, and whatever happens the
 * caller receives the envelope of the API contract.
 */
import { z } from 'zod';
import {
  AppError,
  type Envelope,
  forbiddenKeyPath,
  ok,
  toEnvelope,
  validationError,
} from '../../../shared/errors';
import { cloud } from './cloud';
import { selfCheckOnce } from './self-check';

export interface Caller {
  /** OPENID of the caller; null for timer triggers and calls without a user. */
  openid: string | null;
  appid: string | null;
  /** `wx_client`, `wx_trigger`, `wx_paycallback`, ... as CloudBase reports it. */
  source: string | null;
}

export interface ActionContext {
  caller: Caller;
  /** The caller's OPENID, or UNAUTHENTICATED when the call has none. */
  requireOpenid(): string;
}

export interface ActionDef<S extends z.ZodType, R> {
  schema: S;
  run(input: z.infer<S>, ctx: ActionContext): Promise<R>;
}

export function action<S extends z.ZodType, R>(schema: S, run: ActionDef<S, R>['run']): ActionDef<S, R> {
  return { schema, run };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionDef<any, unknown>>;

/** Keys the platform adds to a client call's event; they are never trusted as input. */
const PLATFORM_KEYS = ['action', 'userInfo'];

export function readCaller(): Caller {
  const wx = cloud.getWXContext() as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  return { openid: str(wx.OPENID), appid: str(wx.APPID), source: str(wx.SOURCE) };
}

export interface MainOptions {
  /**
   * Runs for every known action before its input is validated: the admin function refuses non-admins
   * here, so that a caller without the right learns nothing about the actions' inputs.
   */
  guard?: (ctx: ActionContext) => Promise<void>;
}

export type Main = ((event: unknown) => Promise<Envelope<unknown>>) & {
  /** The action names this function answers (for tooling and the robustness tests). */
  readonly actions: readonly string[];
  /** The action table itself: the schemas the API reference (docs/api.md) is generated from. */
  readonly table: ActionTable;
};

export function createMain(actions: ActionTable, options: MainOptions = {}): Main {
  const main = async function main(event: unknown): Promise<Envelope<unknown>> {
    await selfCheckOnce(); // the first call of an instance logs what the function lacks; never throws
    try {
      if (typeof event !== 'object' || event === null) throw new AppError('VALIDATION', '请求格式错误');
      const { action: name } = event as { action?: unknown };
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) {
        throw new AppError('VALIDATION', `未知操作: ${String(name)}`);
      }
      const params: Record<string, unknown> = { ...(event as Record<string, unknown>) };
      for (const key of PLATFORM_KEYS) delete params[key];
      const def = actions[name];
      const caller = readCaller();
      const ctx: ActionContext = {
        caller,
        requireOpenid() {
          if (!caller.openid) throw new AppError('UNAUTHENTICATED', '请先登录');
          return caller.openid;
        },
      };
      if (options.guard) await options.guard(ctx);
      const forbidden = forbiddenKeyPath(params);
      if (forbidden) throw new AppError('VALIDATION', `请求中不能包含字段 ${forbidden}`);
      const parsed = def.schema.safeParse(params);
      if (!parsed.success) throw validationError(parsed.error);
      return ok(await def.run(parsed.data, ctx));
    } catch (thrown) {
      return toEnvelope(thrown);
    }
  };
  return Object.assign(main, { actions: Object.keys(actions), table: actions });
}
