/**
 * Demo data for a fresh local CloudBase (database/seed.json): documents per collection, and picture
 * files rendered into storage. In the documents, `${FILES}` becomes the gateway's file URL prefix
 * (`http://127.0.0.1:<port>/files`) and the string `${NOW}` the clock's now in ms. A document whose `_id`
 * exists already is left alone, so seeding twice changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { DEFAULT_MANIFEST_PATH, type Doc, type LocalDatabase } from '../db';
import type { Bucket } from '../platform/storage/bucket';
import { renderCover } from './coverImage';

/** database/seed.json, beside the collections manifest. */
export const DEFAULT_SEED_PATH = path.join(path.dirname(DEFAULT_MANIFEST_PATH), 'seed.json');

interface SeedFile {
  /** Cloud path → how to draw it. */
  files?: Record<string, { color: string }>;
  collections?: Record<string, Doc[]>;
}

export interface SeedOptions {
  file: string;
  database: LocalDatabase;
  bucket: Bucket;
  clock: Clock;
  filesUrl: string;
}

export interface SeedSummary {
  files: number;
  documents: Record<string, number>;
}

function fill(value: unknown, filesUrl: string, now: number): unknown {
  if (value === '${NOW}') return now;
  if (typeof value === 'string') return value.split('${FILES}').join(filesUrl);
  if (Array.isArray(value)) return value.map((v) => fill(v, filesUrl, now));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, filesUrl, now)]));
  }
  return value;
}

export function seedData(options: SeedOptions): SeedSummary {
  const seed = JSON.parse(fs.readFileSync(options.file, 'utf8')) as SeedFile;
  const summary: SeedSummary = { files: 0, documents: {} };
  for (const [cloudPath, { color }] of Object.entries(seed.files ?? {})) {
    if (options.bucket.exists(cloudPath)) continue;
    options.bucket.write(cloudPath, renderCover(color));
    summary.files++;
  }
  const now = options.clock.now();
  for (const [collection, docs] of Object.entries(seed.collections ?? {})) {
    options.database.ensureCollection(collection);
    const fresh = docs
      .map((doc) => fill(doc, options.filesUrl, now) as Doc)
      .filter((doc) => doc._id === undefined || options.database.count(collection, { _id: doc._id }) === 0);
    options.database.insert(collection, fresh);
    summary.documents[collection] = fresh.length;
  }
  return summary;
}
