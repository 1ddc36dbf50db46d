/**
 * The functions' own contract, as types: an action's input is its zod schema's input, its result is what
 * its handler resolves with. Pages and services name an action (`typeof listProducts`) and get both, so a
 * changed shape on the backend breaks this project's typecheck instead of a screen. Types only: nothing
 * of the backend is bundled into the mini program.
 */
import type { z } from 'zod';
import type { ActionDef } from '../../cloudfunctions/common/platform/handler';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAction = ActionDef<any, unknown>;

/** What the action accepts (optional fields optional), without `action` itself. */
export type InputOf<A extends AnyAction> = z.input<A['schema']>;

/** What the action answers in `data`. */
export type ResultOf<A extends AnyAction> = Awaited<ReturnType<A['run']>>;

/** One item of a paged list result. */
export type ItemOf<A extends AnyAction> = ResultOf<A> extends { items: Array<infer I> } ? I : never;
