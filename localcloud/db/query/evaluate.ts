/**
 * Query evaluation with mingo: what decides whether a document matches, how results are sorted and
 * projected, how update operators change a document and how aggregate pipelines run. Storage only
 * narrows the candidates (query/plan.ts); mingo always has the last word, so an index can never
 * change a result.
 */
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { requestFailed } from '../errors';
import type { Doc } from '../wire/values';

export type Matcher = (doc: Doc) => boolean;

/** Mingo throws on unknown operators or malformed expressions: report them as the service does. */
function evaluating<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw requestFailed(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function compileFilter(filter: Doc): Matcher {
  if (Object.keys(filter).length === 0) return () => true;
  const query = evaluating('invalid query', () => new Query(filter, {}));
  return (doc) => evaluating('invalid query', () => query.test(doc));
}

export interface PageOptions {
  order?: Doc;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

/** Sorts, pages and projects documents that already match (MongoDB's order of the cursor steps). */
export function pageDocuments(docs: Doc[], options: PageOptions): Doc[] {
  return evaluating('invalid orderBy, skip, limit or field', () => {
    const cursor = new Query({}, {}).find<Doc>(docs, options.projection ?? {});
    if (options.order && Object.keys(options.order).length > 0)
      cursor.sort(options.order as Record<string, 1 | -1>);
    if (options.skip) cursor.skip(options.skip);
    if (options.limit !== undefined) cursor.limit(options.limit);
    return cursor.all();
  });
}

export function projectDocument(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return pageDocuments([doc], { projection })[0] ?? doc;
}

export function isOperatorDocument(update: Doc): boolean {
  return Object.keys(update).some((key) => key.startsWith('$'));
}

/**
 * Applies an update-operator document in place. Returns whether anything changed, which is what
 * `updated` counts (MongoDB's nModified: an update that changes nothing counts 0).
 */
export function applyUpdate(doc: Doc, update: Doc): boolean {
  const keys = Object.keys(update);
  if (keys.length === 0) throw requestFailed('update document is empty');
  if (keys.some((key) => !key.startsWith('$'))) {
    throw requestFailed('update document mixes update operators and plain fields');
  }
  const changed = evaluating('invalid update', () =>
    mingoUpdate(doc, update, [], undefined, { cloneMode: 'deep' }),
  );
  return changed.length > 0;
}

export type CollectionResolver = (name: string) => Doc[];

export function runPipeline(docs: Doc[], pipeline: Doc[], resolveCollection: CollectionResolver): Doc[] {
  // mingo's option types live in a subpath export that this project's `node` module resolution cannot see.
  const options: ConstructorParameters<typeof Aggregator>[1] = { collectionResolver: resolveCollection };
  return evaluating('invalid aggregate pipeline', () => new Aggregator(pipeline, options).run(docs) as Doc[]);
}
