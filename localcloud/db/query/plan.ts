/**
 * Chooses how to find the candidate documents of a query: by `_id`, through one manifest index, or
 * by scanning the collection. The plan only has to return a superset of the matches – mingo filters
 * every candidate afterwards – so anything not understood here simply falls back to a scan.
 *
 * Understood: top-level field conditions (and those inside a top-level `$and`) that are equality
 * with a number, string, boolean or Date, `$eq`, `$in` of such values, and `$gt/$gte/$lt/$lte`.
 */
import { idKey } from '../wire/ids';
import { isPlainObject, type Doc } from '../wire/values';
import { TAG, keyOf, type KeyPart } from '../storage/index-keys';
import type { IndexSpec } from '../storage/manifest';

export interface Bound {
  value: number | string;
  inclusive: boolean;
}

export type FieldConstraint =
  { kind: 'eq'; keys: KeyPart[] } | { kind: 'range'; t: number; lower?: Bound; upper?: Bound };

export interface PlannableIndex {
  spec: IndexSpec;
  multikey: boolean;
}

export type AccessPlan<I extends PlannableIndex = PlannableIndex> =
  | { kind: 'ids'; keys: string[] }
  | { kind: 'index'; index: I; constraints: FieldConstraint[] }
  | { kind: 'scan' };

/** A key usable as an equality or range operand: scalars only (null also matches missing fields). */
function operandKey(value: unknown): KeyPart | undefined {
  const key = keyOf(value);
  if (!key || key.t === TAG.NULL || key.t === TAG.OBJECT) return undefined;
  return key;
}

/**
 * SQLite orders text by code point (UTF-8 bytes), mingo by UTF-16 code unit; the two orders differ
 * only where a string holds a code unit from U+D800 up. Against an operand without such units both
 * orders agree, so only those string bounds are pushed down.
 */
function orderSafe(key: KeyPart): boolean {
  return key.t !== TAG.STRING || !/[\uD800-\uFFFF]/.test(String(key.v));
}

interface FieldConditions {
  eq: KeyPart[][];
  ranges: Array<{ t: number; op: '$gt' | '$gte' | '$lt' | '$lte'; value: number | string }>;
  ids: unknown[][];
}

function conditionsOf(field: string, value: unknown, into: Map<string, FieldConditions>): void {
  const entry = into.get(field) ?? { eq: [], ranges: [], ids: [] };
  into.set(field, entry);
  const operators = isPlainObject(value) && Object.keys(value).every((key) => key.startsWith('$'));
  if (!operators) {
    const key = operandKey(value);
    if (key) entry.eq.push([key]);
    if (field === '_id' && !isPlainObject(value) && !Array.isArray(value) && !(value instanceof RegExp)) {
      entry.ids.push([value]);
    }
    return;
  }
  for (const [op, operand] of Object.entries(value)) {
    if (op === '$eq') {
      const key = operandKey(operand);
      if (key) entry.eq.push([key]);
      if (field === '_id' && !isPlainObject(operand) && !Array.isArray(operand)) entry.ids.push([operand]);
    } else if (op === '$in' && Array.isArray(operand)) {
      const keys = operand.map(operandKey);
      if (keys.every((key): key is KeyPart => key !== undefined)) entry.eq.push(keys);
      if (field === '_id' && operand.every((item) => !isPlainObject(item) && !(item instanceof RegExp))) {
        entry.ids.push(operand);
      }
    } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
      const key = operandKey(operand);
      if (key && orderSafe(key)) entry.ranges.push({ t: key.t, op, value: key.v });
    }
  }
}

function collectConditions(filter: Doc, into: Map<string, FieldConditions>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) collectConditions(clause, into);
    } else if (!key.startsWith('$')) {
      conditionsOf(key, value, into);
    }
  }
}

function tighter(a: Bound | undefined, b: Bound, lower: boolean): Bound {
  if (!a) return b;
  if (a.value === b.value) return { value: a.value, inclusive: a.inclusive && b.inclusive };
  return (lower ? a.value > b.value : a.value < b.value) ? a : b;
}

/**
 * The constraint for one field. On a multikey index, `{a: {$gt: 1, $lt: 5}}` may be satisfied by two
 * different elements of the array, so the bounds must not be intersected: only one side is used.
 */
function constraintFor(
  conditions: FieldConditions | undefined,
  multikey: boolean,
): FieldConstraint | undefined {
  if (!conditions) return undefined;
  if (conditions.eq.length > 0) {
    // The smallest IN list is the most selective; every eq condition must hold anyway.
    const keys = conditions.eq.reduce((best, keys) => (keys.length < best.length ? keys : best));
    return { kind: 'eq', keys };
  }
  if (conditions.ranges.length === 0) return undefined;
  const t = conditions.ranges[0].t;
  // Different types in one field's bounds match nothing in MongoDB; leave that odd case to a scan.
  if (conditions.ranges.some((range) => range.t !== t)) return undefined;
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const range of conditions.ranges) {
    const bound = { value: range.value, inclusive: range.op === '$gte' || range.op === '$lte' };
    if (range.op === '$gt' || range.op === '$gte') lower = tighter(lower, bound, true);
    else upper = tighter(upper, bound, false);
  }
  if (multikey && lower && upper) upper = undefined;
  return { kind: 'range', t, lower, upper };
}

export function planQuery<I extends PlannableIndex>(filter: Doc, indexes: readonly I[]): AccessPlan<I> {
  const conditions = new Map<string, FieldConditions>();
  collectConditions(filter, conditions);
  const ids = conditions.get('_id')?.ids;
  if (ids && ids.length > 0) {
    const smallest = ids.reduce((best, list) => (list.length < best.length ? list : best));
    return { kind: 'ids', keys: [...new Set(smallest.map(idKey))] };
  }
  let best: { index: I; constraints: FieldConstraint[]; score: number } | undefined;
  for (const index of indexes) {
    const constraints: FieldConstraint[] = [];
    let score = 0;
    for (const key of index.spec.keys) {
      const constraint = constraintFor(conditions.get(key.field), index.multikey);
      if (!constraint) break;
      constraints.push(constraint);
      if (constraint.kind === 'range') {
        score += 1;
        break;
      }
      score += constraint.keys.length === 1 ? 3 : 2;
    }
    if (constraints.length === 0) continue;
    // Prefer more constrained fields, then unique indexes, then the narrower index.
    const adjusted = score * 10 + (index.spec.unique ? 5 : 0) - index.spec.keys.length;
    if (!best || adjusted > best.score) best = { index, constraints, score: adjusted };
  }
  return best ? { kind: 'index', index: best.index, constraints: best.constraints } : { kind: 'scan' };
}
