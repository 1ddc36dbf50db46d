/**
 * The JavaScript shape of database values once they are off the wire: plain numbers (Int32, Double
 * and Long are unwrapped), strings, booleans, null, Dates, RegExps, arrays and plain objects. Rarer
 * BSON types (ObjectId, Decimal128, …) pass through as bson objects.
 */
export type Doc = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** bson values carry a `_bsontype` tag (Int32, Double, Long, BSONRegExp, ObjectId, …). */
export function bsonType(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}
