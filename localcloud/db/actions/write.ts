/**
 * `database.insertDocument`, `modifyDocument` (doc update, doc set, where update), `modifyAndReturnDoc`
 * and `removeDocument`. Each action is written once against a view (what it reads) and a sink (where
 * it writes): outside a transaction the sink writes through in one SQLite transaction, so a
 * multi-document write is atomic and – the server being single-threaded – a conditional update such
 * as `{ _id, availableFen: _.gte(x) }` + `_.inc(-x)` cannot interleave with another request.
 */
import type { TcbReply, TcbRequest } from '../../api/types';
import { duplicateKey, invalidParam, requestFailed } from '../errors';
import { applyUpdate, isOperatorDocument } from '../query/evaluate';
import { matchingDocuments } from '../query/select';
import type { CollectionInfo } from '../storage/catalog';
import { cloneDoc, encodeStored } from '../storage/codec';
import type { StoredDoc } from '../storage/reader';
import { encodeEjson, decodeEjsonDocument } from '../wire/ejson';
import { idKey, newDocumentId } from '../wire/ids';
import {
  collectionName,
  ejsonDocument,
  optionalBoolean,
  queryType,
  stringArray,
  type Params,
} from '../wire/params';
import { isPlainObject, type Doc } from '../wire/values';
import { scopeOf, type DbContext, type DocumentView } from './context';

interface Sink {
  insert(collection: CollectionInfo, key: string, doc: Doc): void;
  replace(collection: CollectionInfo, existing: StoredDoc, doc: Doc): void;
  remove(collection: CollectionInfo, existing: StoredDoc): void;
  /** Runs the action's writes: atomically outside a transaction, staged inside one. */
  run<T>(writes: () => T): T;
}

interface WriteScope {
  view: DocumentView;
  sink: Sink;
}

function writeScope(ctx: DbContext, params: Params): WriteScope {
  const { view, tx } = scopeOf(ctx, params);
  if (!tx) {
    const { storage } = ctx;
    return {
      view,
      sink: {
        insert: (collection, key, doc) => void storage.writer.insert(collection, key, doc),
        replace: (collection, existing, doc) => void storage.writer.replace(collection, existing, doc),
        remove: (collection, existing) => storage.writer.remove(collection, existing),
        run: (writes) => storage.atomically(writes),
      },
    };
  }
  const { transactions } = ctx;
  return {
    view,
    sink: {
      insert: (collection, key, doc) => transactions.stage(tx, collection, key, doc),
      replace: (collection, existing, doc) =>
        transactions.stage(tx, collection, existing.key, doc, existing.rid),
      remove: (collection, existing) => transactions.stage(tx, collection, existing.key, null, existing.rid),
      run: (writes) => {
        try {
          return writes();
        } catch (error) {
          // As in MongoDB, a failed write ends its transaction: no action is left half staged.
          transactions.abortAfterError(tx);
          throw error;
        }
      },
    },
  };
}

function checkId(id: unknown): void {
  if (
    id === null ||
    Array.isArray(id) ||
    id instanceof RegExp ||
    (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$')))
  ) {
    throw invalidParam('_id must be a string, a number or a plain value');
  }
}

const IMMUTABLE_ID = "Performing an update on the path '_id' would modify the immutable field '_id'";

export function insertDocument(ctx: DbContext, { params }: TcbRequest): TcbReply {
  const collection = ctx.storage.catalog.require(collectionName(params));
  const { view, sink } = writeScope(ctx, params);
  const docs = stringArray(params, 'data').map((text) => decodeEjsonDocument(text, ctx.clock, 'data'));
  if (docs.length === 0) throw invalidParam('data must hold at least one document');
  const insertedIds = sink.run(() =>
    docs.map((given) => {
      // MongoDB keeps _id first; a generated one is 32 hex characters like the service's.
      const doc = given._id === undefined ? { _id: newDocumentId(ctx.clock), ...given } : given;
      checkId(doc._id);
      const key = idKey(doc._id);
      if (view.get(collection, key)) {
        throw duplicateKey(collection.name, '_id_', `{ _id: ${JSON.stringify(doc._id) ?? String(doc._id)} }`);
      }
      sink.insert(collection, key, doc);
      return doc._id;
    }),
  );
  return { kind: 'json', data: { insertedIds } };
}

/** The fields an upsert starts from: the query's plain equality conditions (as MongoDB does). */
function upsertSeed(filter: Doc): Doc {
  const set: Doc = {};
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || value instanceof RegExp) continue;
    if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) continue;
    set[field] = value;
  }
  const seed: Doc = {};
  if (Object.keys(set).length > 0) applyUpdate(seed, { $set: set });
  return seed;
}

function sameDocument(a: Doc, b: Doc): boolean {
  return encodeStored(a) === encodeStored(b);
}

/** doc(id).set(data): replace the whole document but its _id, or create it (upsert). */
function replaceDocument(ctx: DbContext, params: Params, collection: CollectionInfo, data: Doc): TcbReply {
  if (isOperatorDocument(data)) throw requestFailed('set() takes a whole document, not update operators');
  const filter = ejsonDocument(params, 'query', ctx.clock);
  const upsert = optionalBoolean(params, 'upsert', false);
  const { view, sink } = writeScope(ctx, params);
  return sink.run(() => {
    const [existing] = matchingDocuments(view, collection, filter, 1);
    const { _id: givenId, ...fields } = data;
    if (existing) {
      if (givenId !== undefined && idKey(givenId) !== existing.key) throw requestFailed(IMMUTABLE_ID);
      const replaced = { _id: existing.doc._id, ...fields };
      if (sameDocument(replaced, existing.doc))
        return { kind: 'json', data: { updated: 0, upsert_id: null } };
      sink.replace(collection, existing, replaced);
      return { kind: 'json', data: { updated: 1, upsert_id: null } };
    }
    if (!upsert) return { kind: 'json', data: { updated: 0, upsert_id: null } };
    const id =
      givenId ??
      (filter._id !== undefined && !isPlainObject(filter._id) ? filter._id : newDocumentId(ctx.clock));
    checkId(id);
    const key = idKey(id);
    if (view.get(collection, key))
      throw duplicateKey(collection.name, '_id_', `{ _id: ${JSON.stringify(id)} }`);
    sink.insert(collection, key, { _id: id, ...fields });
    return { kind: 'json', data: { updated: 0, upsert_id: id } };
  });
}

/** Applies `update` to a copy of `stored`; undefined when nothing changed. */
function updated(stored: StoredDoc, update: Doc): Doc | undefined {
  const doc = cloneDoc(stored.doc);
  if (!applyUpdate(doc, update)) return undefined;
  if (idKey(doc._id) !== stored.key) throw requestFailed(IMMUTABLE_ID);
  return doc;
}

function operatorUpdate(data: Doc): Doc {
  if (Object.keys(data).length === 0) throw requestFailed('update document is empty');
  // merge:true always carries operators from the SDKs; plain fields (raw mode) mean $set.
  return isOperatorDocument(data) ? data : { $set: data };
}

export function modifyDocument(ctx: DbContext, request: TcbRequest): TcbReply {
  const { params } = request;
  const collection = ctx.storage.catalog.require(collectionName(params));
  const data = ejsonDocument(params, 'data', ctx.clock);
  if (!optionalBoolean(params, 'merge', true)) return replaceDocument(ctx, params, collection, data);
  const update = operatorUpdate(data);
  const filter = ejsonDocument(params, 'query', ctx.clock);
  const multi = optionalBoolean(params, 'multi', queryType(params) === 'WHERE');
  const upsert = optionalBoolean(params, 'upsert', false);
  const { view, sink } = writeScope(ctx, params);
  return sink.run(() => {
    const targets = matchingDocuments(view, collection, filter, multi ? undefined : 1);
    let count = 0;
    for (const stored of targets) {
      const doc = updated(stored, update);
      if (!doc) continue;
      sink.replace(collection, stored, doc);
      count += 1;
    }
    if (targets.length === 0 && upsert) {
      const seed = upsertSeed(filter);
      applyUpdate(seed, update);
      const id = seed._id ?? newDocumentId(ctx.clock);
      checkId(id);
      const doc = { _id: id, ...seed };
      sink.insert(collection, idKey(id), doc);
      return { kind: 'json', data: { updated: 0, upsert_id: id } };
    }
    return { kind: 'json', data: { updated: count } };
  });
}

export function modifyAndReturnDoc(ctx: DbContext, { params }: TcbRequest): TcbReply {
  const collection = ctx.storage.catalog.require(collectionName(params));
  const update = operatorUpdate(ejsonDocument(params, 'data', ctx.clock));
  const filter = ejsonDocument(params, 'query', ctx.clock);
  const { view, sink } = writeScope(ctx, params);
  return sink.run(() => {
    const [stored] = matchingDocuments(view, collection, filter, 1);
    if (!stored) return { kind: 'json', data: { updated: 0, doc: null } };
    const doc = updated(stored, update);
    if (doc) sink.replace(collection, stored, doc);
    return { kind: 'json', data: { updated: doc ? 1 : 0, doc: encodeEjson(doc ?? stored.doc) } };
  });
}

export function removeDocument(ctx: DbContext, { params }: TcbRequest): TcbReply {
  const collection = ctx.storage.catalog.require(collectionName(params));
  const filter = ejsonDocument(params, 'query', ctx.clock);
  const multi = optionalBoolean(params, 'multi', queryType(params) === 'WHERE');
  const { view, sink } = writeScope(ctx, params);
  return sink.run(() => {
    const targets = matchingDocuments(view, collection, filter, multi ? undefined : 1);
    for (const stored of targets) sink.remove(collection, stored);
    return { kind: 'json', data: { deleted: targets.length } };
  });
}
