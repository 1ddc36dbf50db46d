/**
 * How a document is stored: relaxed Extended JSON. Plain numbers stay plain JSON numbers (exact for
 * every JS double), Dates become `{"$date": …}` and come back as Dates, and nested objects, arrays,
 * strings, booleans and null are JSON as they are.
 */
import { EJSON } from 'bson';
import type { TimeSource } from '../../clock';
import { toJs } from '../wire/ejson';
import type { Doc } from '../wire/values';

export function encodeStored(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

/** Stored documents never hold `$tcb_server_date` (it is resolved on write), so no clock is needed. */
const NO_CLOCK: TimeSource = { now: () => 0 };

export function decodeStored(text: string): Doc {
  return toJs(EJSON.parse(text, { relaxed: true }), NO_CLOCK) as Doc;
}

/** An independent copy (update operators change documents in place). */
export function cloneDoc(doc: Doc): Doc {
  return decodeStored(encodeStored(doc));
}
