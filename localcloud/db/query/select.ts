/**
 * Finding and counting documents: plan the candidates, filter them with mingo, then sort, page and
 * project. Works on any candidate source – the committed state, a transaction's snapshot, or a
 * snapshot overlaid with the transaction's own writes.
 */
import type { CollectionInfo, IndexInfo } from '../storage/catalog';
import type { StoredDoc } from '../storage/reader';
import type { Doc } from '../wire/values';
import { compileFilter, pageDocuments, type PageOptions } from './evaluate';
import { planQuery, type AccessPlan } from './plan';

export interface CandidateSource {
  /** Documents that may match, in natural (insertion) order. */
  candidates(collection: CollectionInfo, plan: AccessPlan<IndexInfo>): Iterable<StoredDoc>;
}

/** The matching stored documents in natural order; with `stopAfter`, no more than that many. */
export function matchingDocuments(
  source: CandidateSource,
  collection: CollectionInfo,
  filter: Doc,
  stopAfter?: number,
): StoredDoc[] {
  const matches = compileFilter(filter);
  const found: StoredDoc[] = [];
  if (stopAfter === 0) return found;
  for (const stored of source.candidates(collection, planQuery(filter, collection.indexes))) {
    if (!matches(stored.doc)) continue;
    found.push(stored);
    // Leaving the loop early ends the SQLite iteration: an unsorted page reads only what it needs.
    if (stopAfter !== undefined && found.length >= stopAfter) break;
  }
  return found;
}

export function selectDocuments(
  source: CandidateSource,
  collection: CollectionInfo,
  filter: Doc,
  page: PageOptions,
): Doc[] {
  const sorted = page.order !== undefined && Object.keys(page.order).length > 0;
  const stopAfter = !sorted && page.limit !== undefined ? (page.skip ?? 0) + page.limit : undefined;
  const docs = matchingDocuments(source, collection, filter, stopAfter).map((stored) => stored.doc);
  return pageDocuments(docs, page);
}

export function countDocuments(source: CandidateSource, collection: CollectionInfo, filter: Doc): number {
  return matchingDocuments(source, collection, filter).length;
}
