/**
 * Document ids. Generated ids look like the real service's: 32 lowercase hex characters whose bytes
 * 4–7 are the unix time in seconds (e.g. `0f4b8add5cdd728a003bf5c83ed99dff`). `_id` may also be any
 * value a caller chooses (strings, numbers); `idKey` gives each distinct value one storage key.
 */
import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import type { TimeSource } from '../../clock';

let counter = randomBytes(4).readUInt32BE(0);

export function newDocumentId(clock: TimeSource): string {
  const bytes = Buffer.alloc(16);
  randomBytes(4).copy(bytes, 0);
  bytes.writeUInt32BE(Math.floor(clock.now() / 1000) >>> 0, 4);
  // A counter keeps ids generated in one millisecond distinct even if the random bytes collide.
  counter = (counter + 1) >>> 0;
  bytes.writeUInt32BE(counter, 8);
  randomBytes(4).copy(bytes, 12);
  return bytes.toString('hex');
}

/**
 * The storage key of an `_id`: `"abc"` and `123` are different ids, `1` and `1.0` the same (as in
 * MongoDB, where numeric types compare by value).
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${Object.is(id, -0) ? 0 : id}`;
  return `j:${EJSON.stringify({ id } as Record<string, unknown>, { relaxed: false })}`;
}
