/**
 * The database manifest (database/collections.json): every collection the functions use and its
 * indexes. `{ collections: { <name>: { indexes: [{ name, keys: { field: 1|-1 }, unique?, sparse? }] } } }`
 */
import fs from 'node:fs';

export interface IndexField {
  field: string;
  direction: 1 | -1;
}

export interface IndexSpec {
  name: string;
  keys: IndexField[];
  unique: boolean;
  sparse: boolean;
}

/** Collection name → its indexes (besides the implicit unique `_id_`). */
export type Manifest = Map<string, IndexSpec[]>;

function fail(source: string, message: string): never {
  throw new Error(`database manifest ${source}: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseIndex(raw: unknown, where: string, source: string): IndexSpec {
  if (!isRecord(raw)) fail(source, `${where} must be an object`);
  const { name, keys, unique, sparse } = raw;
  if (typeof name !== 'string' || name === '' || name === '_id_')
    fail(source, `${where}.name is missing or reserved`);
  if (!isRecord(keys) || Object.keys(keys).length === 0)
    fail(source, `${where}.keys must list at least one field`);
  const fields = Object.entries(keys).map(([field, direction]): IndexField => {
    if (direction !== 1 && direction !== -1) fail(source, `${where}.keys.${field} must be 1 or -1`);
    if (field === '' || field.startsWith('$') || field.split('.').includes('')) {
      fail(source, `${where}.keys: "${field}" is not a field path`);
    }
    return { field, direction };
  });
  for (const [flag, value] of [
    ['unique', unique],
    ['sparse', sparse],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') fail(source, `${where}.${flag} must be a boolean`);
  }
  return { name, keys: fields, unique: unique === true, sparse: sparse === true };
}

export function parseManifest(json: unknown, source = '(inline)'): Manifest {
  if (!isRecord(json) || !isRecord(json.collections)) fail(source, 'expected { collections: { … } }');
  const manifest: Manifest = new Map();
  for (const [collection, entry] of Object.entries(json.collections)) {
    if (!isRecord(entry)) fail(source, `collections.${collection} must be an object`);
    const rawIndexes = entry.indexes ?? [];
    if (!Array.isArray(rawIndexes)) fail(source, `collections.${collection}.indexes must be an array`);
    const indexes = rawIndexes.map((raw, i) =>
      parseIndex(raw, `collections.${collection}.indexes[${i}]`, source),
    );
    const names = new Set<string>();
    for (const index of indexes) {
      if (names.has(index.name))
        fail(source, `collections.${collection}: index ${index.name} is listed twice`);
      names.add(index.name);
    }
    manifest.set(collection, indexes);
  }
  return manifest;
}

export function loadManifest(path: string): Manifest {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`database manifest ${path}: cannot read it (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`database manifest ${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseManifest(json, path);
}
