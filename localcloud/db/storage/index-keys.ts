/**
 * How documents are keyed in index side tables. Every index field becomes two SQLite columns: a type
 * tag `t` and a value `v`, so that numbers, strings, booleans and dates never compare with one
 * another (MongoDB's type bracketing: `$gt: 5` never matches "6") and each type keeps its natural
 * order (numbers numerically, dates as epoch ms, strings bytewise).
 *
 * Like MongoDB, an array contributes one key per element (multikey) and a missing field keys as null.
 * Values the side table cannot represent faithfully (NaN, regexps, nested arrays, bson objects…) make
 * the document *opaque* for that index: it is then returned as a candidate for every query, so mingo
 * still decides, and it escapes unique enforcement (documented in localcloud/README.md).
 */
import { EJSON } from 'bson';
import { isPlainObject, type Doc } from '../wire/values';
import type { IndexSpec } from './manifest';

export const TAG = {
  NULL: 0,
  NUMBER: 1,
  STRING: 2,
  OBJECT: 3,
  BOOL: 5,
  DATE: 6,
  OPAQUE: 9,
} as const;

export interface KeyPart {
  t: number;
  v: number | string;
}

const OPAQUE_KEY: KeyPart = { t: TAG.OPAQUE, v: 0 };
/** Beyond this many key combinations per document (compound multikey) the document goes opaque. */
const MAX_ROWS_PER_DOCUMENT = 1000;

/** The key of one scalar value, or undefined for values an index cannot hold faithfully. */
export function keyOf(value: unknown): KeyPart | undefined {
  if (value === undefined || value === null) return { t: TAG.NULL, v: 0 };
  switch (typeof value) {
    case 'number':
      // SQLite stores NaN as NULL, which would break both ordering and NOT NULL.
      return Number.isNaN(value) ? undefined : { t: TAG.NUMBER, v: Object.is(value, -0) ? 0 : value };
    case 'string':
      return { t: TAG.STRING, v: value };
    case 'boolean':
      return { t: TAG.BOOL, v: value ? 1 : 0 };
    default:
      break;
  }
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : { t: TAG.DATE, v: value.getTime() };
  if (isPlainObject(value)) return { t: TAG.OBJECT, v: EJSON.stringify(value, { relaxed: false }) };
  return undefined;
}

interface Collected {
  values: unknown[];
  opaque: boolean;
}

/** Resolves a dotted path the way MongoDB's index builder does (arrays fan out, digits index arrays). */
function collect(value: unknown, parts: string[], i: number, out: Collected): void {
  if (i === parts.length) {
    if (!Array.isArray(value)) {
      out.values.push(value);
      return;
    }
    if (value.length === 0) out.values.push(undefined);
    for (const element of value) {
      if (Array.isArray(element)) out.opaque = true;
      else out.values.push(element);
    }
    return;
  }
  const part = parts[i];
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) {
      // `uplines.1` is the element at position 1. MongoDB would also look for a field named "1" in
      // element objects; that ambiguity is rare enough to just make the document opaque.
      if (value.some((element) => isPlainObject(element) && part in element)) out.opaque = true;
      collect(value[Number(part)], parts, i + 1, out);
      return;
    }
    if (value.length === 0) out.values.push(undefined);
    for (const element of value) {
      if (isPlainObject(element)) collect(element[part], parts, i + 1, out);
      else if (Array.isArray(element)) out.opaque = true;
      else out.values.push(undefined);
    }
    return;
  }
  if (isPlainObject(value)) {
    collect(value[part], parts, i + 1, out);
    return;
  }
  out.values.push(undefined);
}

interface FieldKeys {
  present: boolean;
  keys: KeyPart[];
  opaque: boolean;
}

function fieldKeys(doc: Doc, field: string): FieldKeys {
  const collected: Collected = { values: [], opaque: false };
  collect(doc, field.split('.'), 0, collected);
  const keys: KeyPart[] = [];
  const seen = new Set<string>();
  let opaque = collected.opaque;
  for (const value of collected.values) {
    const key = keyOf(value);
    if (!key) {
      opaque = true;
      continue;
    }
    const id = `${key.t}:${String(key.v)}`;
    if (!seen.has(id)) {
      seen.add(id);
      keys.push(key);
    }
  }
  return { present: collected.values.some((value) => value !== undefined), keys, opaque };
}

export interface DocumentIndexKeys {
  /** One entry per index row, each with one KeyPart per index field. */
  rows: KeyPart[][];
  /** The document is keyed as OPAQUE (always a candidate; no unique check). */
  opaque: boolean;
  /** Some field produced more than one key: range bounds must not be intersected on this index. */
  multikey: boolean;
}

export function indexKeysOf(doc: Doc, spec: IndexSpec): DocumentIndexKeys {
  const fields = spec.keys.map((key) => fieldKeys(doc, key.field));
  if (spec.sparse && !fields.some((field) => field.present))
    return { rows: [], opaque: false, multikey: false };
  const multikey = fields.some((field) => field.keys.length > 1);
  const combinations = fields.reduce((n, field) => n * Math.max(field.keys.length, 1), 1);
  if (fields.some((field) => field.opaque) || combinations > MAX_ROWS_PER_DOCUMENT) {
    return { rows: [spec.keys.map(() => OPAQUE_KEY)], opaque: true, multikey };
  }
  let rows: KeyPart[][] = [[]];
  for (const field of fields) {
    rows = rows.flatMap((row) => field.keys.map((key) => [...row, key]));
  }
  return { rows, opaque: false, multikey };
}

/** MongoDB-style rendering of a key for E11000 messages: `{ openid: "o1" }`. */
export function describeKey(spec: IndexSpec, row: KeyPart[]): string {
  const parts = spec.keys.map((key, i) => {
    const part = row[i];
    let text: string;
    if (part.t === TAG.NULL) text = 'null';
    else if (part.t === TAG.STRING) text = JSON.stringify(part.v);
    else if (part.t === TAG.BOOL) text = part.v ? 'true' : 'false';
    else if (part.t === TAG.DATE) text = `new Date(${part.v})`;
    else text = String(part.v);
    return `${key.field}: ${text}`;
  });
  return `{ ${parts.join(', ')} }`;
}
