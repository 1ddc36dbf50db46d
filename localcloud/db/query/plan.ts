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

/**
 * An index walk that yields documents in the order of a sort: equality on the index's leading fields
 * (one value each), then the sort fields as the index's next fields, all in one direction (SQLite walks
 * an index either way, so the index's own direction does not matter), an optional constraint on the
 * first sort field. The walk stops once a page is full (query/select.ts). Only for indexes that are not
 * multikey: MongoDB sorts an array by its smallest (or largest) element, which an ordered walk over
 * per-element keys would meet first but which mingo's sort treats its own way.
 */
export interface OrderedPlan<I extends PlannableIndex = PlannableIndex> {
  index: I;
  /** Constraints on the index fields 0 … sortFrom (the last one, on the first sort field, optional). */
  constraints: FieldConstraint[];
  /** Position in the index of the first sort field. */
  sortFrom: number;
  /** How many index fields, from `sortFrom`, the sort covers. */
  sortFields: number;
  descending: boolean;
}

export function planOrderedQuery<I extends PlannableIndex>(
  filter: Doc,
  order: Doc,
  indexes: readonly I[],
): OrderedPlan<I> | undefined {
  const sort = Object.entries(order);
  if (sort.length === 0 || sort.some(([, direction]) => direction !== 1 && direction !== -1))
    return undefined;
  const conditions = new Map<string, FieldConditions>();
  collectConditions(filter, conditions);
  if ((conditions.get('_id')?.ids.length ?? 0) > 0) return undefined;
  const sortFields = new Set(sort.map(([field]) => field));
  let best: OrderedPlan<I> | undefined;
  for (const index of indexes) {
    if (index.multikey) continue;
    const fields = index.spec.keys.map((key) => key.field);
    const constraints: FieldConstraint[] = [];
    // Leading fields fixed by one equality each (and not sorted on: a sort on them would be a no-op
    // for the matches, but keep the plan simple).
    let p = 0;
    while (p < fields.length && !sortFields.has(fields[p])) {
      const constraint = constraintFor(conditions.get(fields[p]), false);
      if (!constraint || constraint.kind !== 'eq' || constraint.keys.length !== 1) break;
      constraints.push(constraint);
      p += 1;
    }
    const fixed = new Set(fields.slice(0, p));
    const rest = sort.filter(([field]) => !fixed.has(field));
    if (rest.length === 0 || p + rest.length > fields.length) continue;
    if (rest.some(([field], j) => fields[p + j] !== field)) continue;
    if (rest.some(([, direction]) => direction !== rest[0][1])) continue;
    const first = constraintFor(conditions.get(fields[p]), false);
    if (first) constraints.push(first);
    const plan: OrderedPlan<I> = {
      index,
      constraints,
      sortFrom: p,
      sortFields: rest.length,
      descending: rest[0][1] === -1,
    };
    if (!best || plan.constraints.length > best.constraints.length) best = plan;
  }
  return best;
}

/**
 * A plan whose index entries match exactly what the filter matches, so that counting entries is
 * counting documents: every condition is an equality (`v`, `$eq`, `$in`) with values an index key holds
 * exactly, on top-level fields that are the leading fields of one index. (Opaque documents are still
 * tested one by one.)
 */
export function planExactEquality<I extends PlannableIndex>(
  filter: Doc,
  indexes: readonly I[],
): { index: I; constraints: FieldConstraint[] } | undefined {
  const entries = Object.entries(filter);
  if (entries.length === 0) return undefined;
  const byField = new Map<string, FieldConstraint>();
  for (const [field, value] of entries) {
    if (field.startsWith('$') || field.includes('.') || field === '_id') return undefined;
    let keys: KeyPart[] | undefined;
    if (!isPlainObject(value)) {
      if (Array.isArray(value) || value instanceof RegExp) return undefined;
      const key = operandKey(value);
      keys = key ? [key] : undefined;
    } else {
      const operators = Object.keys(value);
      if (operators.length !== 1) return undefined;
      const operand = value[operators[0]];
      if (operators[0] === '$eq' && !Array.isArray(operand) && !(operand instanceof RegExp)) {
        const key = operandKey(operand);
        keys = key ? [key] : undefined;
      } else if (operators[0] === '$in' && Array.isArray(operand) && operand.length > 0) {
        if (operand.some((item) => Array.isArray(item) || item instanceof RegExp)) return undefined;
        const all = operand.map(operandKey);
        keys = all.every((key): key is KeyPart => key !== undefined) ? all : undefined;
      }
    }
    if (!keys) return undefined;
    byField.set(field, { kind: 'eq', keys });
  }
  for (const index of indexes) {
    const leading = index.spec.keys.slice(0, byField.size).map((key) => key.field);
    if (leading.length === byField.size && leading.every((field) => byField.has(field))) {
      return { index, constraints: leading.map((field) => byField.get(field) as FieldConstraint) };
    }
  }
  return undefined;
}
