/**
 * Generic cloning of documents the functions produced, for bulk seeding: no document shape is written
 * here, so the cloning keeps working whatever fields the functions store. A clone is the template with
 *
 *  - a token replaced wherever it occurs in a string (the template order's id in `_id`s such as
 *    `<orderId>-<lineId>-L1` or `commission_settled:<…>`, in `orderId`, `outTradeNo`, …) by a fresh one
 *    of the same shape;
 *  - its instants shifted by one delta: Dates, and numbers that look like epoch milliseconds under a key
 *    named like `createdAt` / `at` (database/README.md: times are `…At`);
 *  - optionally, money (`…Fen` integers) multiplied by one integer factor (so that clones of an account
 *    do not all tie on a leaderboard; linear, so sums between fields still hold);
 *  - values of the collection's unique indexes (database/collections.json) still equal to the
 *    template's made unique.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LocalDatabase } from '../../../localcloud/db';

type Doc = Record<string, unknown>;

export interface TemplateDoc {
  collection: string;
  doc: Doc;
}

const GENERATED_ID = /^[0-9a-f]{32}$/;
const INSTANT_KEY = /(^at$|At$)/;
const MONEY_KEY = /Fen$/;
const MIN_INSTANT = Date.UTC(2001, 0, 1);
const MAX_INSTANT = Date.UTC(2200, 0, 1);

const isPlainObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

function containsToken(value: unknown, token: string): boolean {
  if (typeof value === 'string') return value.includes(token);
  if (Array.isArray(value)) return value.some((item) => containsToken(item, token));
  if (isPlainObject(value)) return Object.values(value).some((item) => containsToken(item, token));
  return false;
}

/**
 * The documents that belong to `token` (an order id, a user id, a date key): those whose `_id` contains
 * it, and with `referencing`, also documents with a generated `_id` (32 hex digits) that mention it
 * anywhere (e.g. a payment notice of the order). Singletons that merely mention it (a job's last run)
 * are not clones' business and are left out.
 */
export function documentsOf(
  database: LocalDatabase,
  token: string,
  options: { referencing?: boolean; skip?: string[] } = {},
): TemplateDoc[] {
  const found: TemplateDoc[] = [];
  for (const collection of database.collections()) {
    if (options.skip?.includes(collection)) continue;
    for (const doc of database.find(collection)) {
      const id = doc._id;
      const owned = typeof id === 'string' && id.includes(token);
      const referencing =
        options.referencing === true &&
        typeof id === 'string' &&
        GENERATED_ID.test(id) &&
        containsToken(doc, token);
      if (owned || referencing) found.push({ collection, doc });
    }
  }
  return found;
}

let counter = 0;

/** A fresh token of the same shape: digits for digits, hex for hex, else a suffix. */
export function freshToken(token: string): string {
  counter += 1;
  if (/^\d+$/.test(token)) {
    // Leading 9: never a real id of ours (they start with the year); same length.
    return `9${String(counter).padStart(token.length - 1, '0')}`;
  }
  if (/^[0-9a-f]+$/.test(token))
    return crypto
      .randomBytes(Math.ceil(token.length / 2))
      .toString('hex')
      .slice(0, token.length);
  return `${token}~${counter}`;
}

/** Unique index fields by collection, from the manifest. */
export function uniqueFields(
  manifestPath = path.resolve(__dirname, '..', '..', '..', 'database', 'collections.json'),
): Map<string, string[]> {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    collections: Record<string, { indexes?: Array<{ keys: Record<string, number>; unique?: boolean }> }>;
  };
  const out = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(manifest.collections)) {
    const fields = (spec.indexes ?? [])
      .filter((index) => index.unique)
      .flatMap((index) => Object.keys(index.keys));
    if (fields.length > 0) out.set(name, fields);
  }
  return out;
}

export interface CloneChange {
  token: string;
  replacement: string;
  /** Added to every instant. */
  shiftMs: number;
  /** Multiplies every `…Fen` integer (default 1). */
  moneyFactor?: number;
}

function transform(value: unknown, key: string, change: CloneChange): unknown {
  if (typeof value === 'string')
    return value.includes(change.token) ? value.split(change.token).join(change.replacement) : value;
  if (typeof value === 'number') {
    if (INSTANT_KEY.test(key) && value > MIN_INSTANT && value < MAX_INSTANT) return value + change.shiftMs;
    if (change.moneyFactor !== undefined && MONEY_KEY.test(key) && Number.isInteger(value))
      return value * change.moneyFactor;
    return value;
  }
  if (value instanceof Date) return new Date(value.getTime() + change.shiftMs);
  if (Array.isArray(value)) return value.map((item) => transform(item, key, change));
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = transform(v, k, change);
    return out;
  }
  return value;
}

/** One clone of a template document. */
export function cloneDoc(
  template: TemplateDoc,
  change: CloneChange,
  unique: Map<string, string[]>,
  n: number,
): Doc {
  const doc = transform(template.doc, '', change) as Doc;
  if (doc._id === template.doc._id) doc._id = crypto.randomBytes(16).toString('hex');
  for (const field of unique.get(template.collection) ?? []) {
    const value = doc[field];
    if (typeof value === 'string' && value === template.doc[field]) doc[field] = `${value}~${n}`;
  }
  return doc;
}

/** The earliest instant in a set of documents (what the shift is measured from). */
export function earliestInstant(templates: TemplateDoc[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'number' && INSTANT_KEY.test(key) && value > MIN_INSTANT && value < MAX_INSTANT) {
      earliest = Math.min(earliest, value);
    } else if (value instanceof Date) earliest = Math.min(earliest, value.getTime());
    else if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (isPlainObject(value)) Object.entries(value).forEach(([k, v]) => visit(v, k));
  };
  templates.forEach((t) => visit(t.doc, ''));
  return Number.isFinite(earliest) ? earliest : 0;
}

/**
 * Inserts `count` clones of the template set (each clone: every template document with one change),
 * in batches (LocalDatabase.insert, one SQLite transaction each); `onBatch` sees the clones made so far.
 */
export function insertClones(
  database: LocalDatabase,
  templates: TemplateDoc[],
  count: number,
  changeFor: (i: number) => CloneChange,
  onBatch: (done: number) => void = () => {},
  batchSize = 2000,
): number {
  const unique = uniqueFields();
  let inserted = 0;
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const byCollection = new Map<string, Doc[]>();
    for (let i = start; i < end; i += 1) {
      const change = changeFor(i);
      for (const template of templates) {
        const list = byCollection.get(template.collection) ?? [];
        list.push(cloneDoc(template, change, unique, i));
        byCollection.set(template.collection, list);
      }
    }
    for (const [collection, docs] of byCollection) {
      database.insert(collection, docs);
      inserted += docs.length;
    }
    onBatch(end);
  }
  return inserted;
}
