/**
 * Finding and counting documents: plan the candidates, filter them with mingo, then sort, page and
 * project. Works on any candidate source – the committed state, a transaction's snapshot, or a
 * snapshot overlaid with the transaction's own writes.
 *
 * Two shortcuts for sources that can walk an index themselves (the committed state):
 *  - a sorted page (`orderBy` + `limit`) whose sort an index serves walks that index in order and stops
 *    once the page is full, instead of reading every match and sorting (MongoDB does the same);
 *  - `count()` of an exact equality on an index's leading fields counts index entries without reading
 *    a document.
 * Both give exactly the results of the general path (tests/localcloud/db/indexes.test.ts compares them
 * with a full scan).
 */
import type { CollectionInfo, IndexInfo } from '../storage/catalog';
import { TAG, type KeyPart } from '../storage/index-keys';
import type { OrderedCandidate, StoredDoc } from '../storage/reader';
import type { Doc } from '../wire/values';
import { compileFilter, pageDocuments, type PageOptions } from './evaluate';
import {
  planExactEquality,
  planOrderedQuery,
  planQuery,
  type AccessPlan,
  type FieldConstraint,
  type OrderedPlan,
} from './plan';

export interface CandidateSource {
  /** Documents that may match, in natural (insertion) order. */
  candidates(collection: CollectionInfo, plan: AccessPlan<IndexInfo>): Iterable<StoredDoc>;
  /** Optional: the candidates of an ordered index walk, in its order, without the opaque documents. */
  ordered?(plan: OrderedPlan<IndexInfo>): Iterable<OrderedCandidate>;
  /** Optional (with `ordered` and `countEntries`): the documents an index keys as opaque. */
  opaque?(index: IndexInfo): Iterable<StoredDoc>;
  /** Optional: index entries matching exact equality constraints, opaque ones excluded. */
  countEntries?(index: IndexInfo, constraints: FieldConstraint[]): number;
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

/**
 * Whether the index order agrees with mingo's sort order around this key, so that everything after it
 * in the walk also sorts after it in mingo. Type brackets agree (null/missing < numbers < strings <
 * objects < booleans < dates, index-keys.ts TAG); within a type numbers, booleans and dates agree;
 * strings agree against a key without code units from U+D800 (SQLite compares code points, JavaScript
 * UTF-16 units – see plan.ts `orderSafe`); objects (keyed as EJSON text) do not.
 */
function walkOrderSafe(key: KeyPart[]): boolean {
  return key.every(
    (part) => part.t !== TAG.OBJECT && (part.t !== TAG.STRING || !/[\uD800-\uFFFF]/.test(String(part.v))),
  );
}

const sameKey = (a: KeyPart[], b: KeyPart[]) => a.every((part, i) => part.t === b[i].t && part.v === b[i].v);

/**
 * A sorted page by an ordered index walk: the matches up to the page's end, plus every match that ties
 * with the last of them (mingo breaks ties by natural order), plus the matching opaque documents; mingo
 * then sorts and pages these as it would all matches. Undefined when no index serves the sort, or when
 * the walk reaches a key whose order mingo sees differently (the general path answers then).
 */
function orderedPage(
  source: CandidateSource,
  collection: CollectionInfo,
  filter: Doc,
  page: PageOptions & { order: Doc; limit: number },
): Doc[] | undefined {
  if (!source.ordered || !source.opaque) return undefined;
  const plan = planOrderedQuery(filter, page.order, collection.indexes);
  if (!plan) return undefined;
  const wanted = (page.skip ?? 0) + page.limit;
  const matches = compileFilter(filter);
  const found: StoredDoc[] = [];
  if (wanted > 0) {
    let walked = 0;
    let boundary: KeyPart[] | undefined;
    for (const { stored, sortKey } of source.ordered(plan)) {
      if (boundary && !sameKey(sortKey, boundary)) break;
      if (!matches(stored.doc)) continue;
      found.push(stored);
      walked += 1;
      if (!boundary && walked >= wanted) {
        if (!walkOrderSafe(sortKey)) return undefined;
        boundary = sortKey;
      }
    }
  }
  for (const stored of source.opaque(plan.index)) if (matches(stored.doc)) found.push(stored);
  found.sort((a, b) => a.rid - b.rid);
  return pageDocuments(
    found.map((stored) => stored.doc),
    page,
  );
}

export function selectDocuments(
  source: CandidateSource,
  collection: CollectionInfo,
  filter: Doc,
  page: PageOptions,
): Doc[] {
  const sorted = page.order !== undefined && Object.keys(page.order).length > 0;
  if (sorted && page.limit !== undefined && page.limit > 0) {
    const docs = orderedPage(source, collection, filter, {
      ...page,
      order: page.order as Doc,
      limit: page.limit,
    });
    if (docs) return docs;
  }
  const stopAfter = !sorted && page.limit !== undefined ? (page.skip ?? 0) + page.limit : undefined;
  const docs = matchingDocuments(source, collection, filter, stopAfter).map((stored) => stored.doc);
  return pageDocuments(docs, page);
}

export function countDocuments(source: CandidateSource, collection: CollectionInfo, filter: Doc): number {
  if (source.countEntries && source.opaque) {
    const exact = planExactEquality(filter, collection.indexes);
    if (exact) {
      const matches = compileFilter(filter);
      let opaque = 0;
      for (const stored of source.opaque(exact.index)) if (matches(stored.doc)) opaque += 1;
      return source.countEntries(exact.index, exact.constraints) + opaque;
    }
  }
  return matchingDocuments(source, collection, filter).length;
}
