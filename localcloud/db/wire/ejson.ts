/**
 * EJSON in and out of the wire. The SDKs send `query`, `data`, `order`, `projection` and aggregate
 * stages as canonical Extended JSON strings, plus one CloudBase extension, `{"$tcb_server_date":
 * {"offset": n}}`, which the server replaces with its own time (NOTES.md §4). Results go back as an
 * array of canonical EJSON strings, which the SDKs `EJSON.parse` into Dates and numbers.
 */
import { EJSON } from 'bson';
import type { TimeSource } from '../../clock';
import { invalidParam } from '../errors';
import { bsonType, isPlainObject, type Doc } from './values';

const SERVER_DATE = '$tcb_server_date';

interface BsonNumber {
  valueOf(): number;
}
interface BsonLong {
  toNumber(): number;
}
interface BsonRegExp {
  pattern: string;
  options: string;
}

/** RegExp flags JavaScript knows; BSON's `x` (extended) and `l` (locale) have no JS equivalent. */
function jsRegExpFlags(options: string): string {
  return [...new Set(options.split(''))].filter((flag) => 'imsu'.includes(flag)).join('');
}

function resolveServerDate(spec: unknown, clock: TimeSource): Date {
  const offset = isPlainObject(spec) ? Number(toJs(spec.offset, clock) ?? 0) : 0;
  return new Date(clock.now() + (Number.isFinite(offset) ? offset : 0));
}

/**
 * Unwraps bson numbers and regexps into plain JS values and resolves `$tcb_server_date` with the
 * runtime's clock, so that mingo sees what MongoDB would see.
 */
export function toJs(value: unknown, clock: TimeSource): unknown {
  if (Array.isArray(value)) return value.map((item) => toJs(item, clock));
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) {
    return value;
  }
  switch (bsonType(value)) {
    case undefined:
      break;
    case 'Int32':
    case 'Double':
      return (value as BsonNumber).valueOf();
    case 'Long':
      // Past 2^53 this loses precision – as the SDK does when it decodes the result.
      return (value as BsonLong).toNumber();
    case 'BSONRegExp': {
      const { pattern, options } = value as BsonRegExp;
      return new RegExp(pattern, jsRegExpFlags(options));
    }
    default:
      return value;
  }
  if (!isPlainObject(value)) return value;
  if (SERVER_DATE in value) return resolveServerDate(value[SERVER_DATE], clock);
  const out: Doc = {};
  for (const [key, item] of Object.entries(value)) out[key] = toJs(item, clock);
  return out;
}

/** Decodes one EJSON string from the wire into JS values. */
export function decodeEjson(text: string, clock: TimeSource, what: string): unknown {
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (error) {
    throw invalidParam(`${what} is not valid EJSON: ${(error as Error).message}`);
  }
  return toJs(parsed, clock);
}

/** Decodes an EJSON string that must hold a document (query, update data, order, projection). */
export function decodeEjsonDocument(text: string, clock: TimeSource, what: string): Doc {
  const value = decodeEjson(text, clock, what);
  if (!isPlainObject(value)) throw invalidParam(`${what} must be an EJSON object`);
  return value;
}

/** A document as the SDKs decode it: canonical EJSON keeps Dates as Dates and ints as ints. */
export function encodeEjson(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false });
}
