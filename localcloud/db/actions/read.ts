/** `database.getDocument` (where/doc get) and `database.calculateDocument` (count). */
import type { TcbReply, TcbRequest } from '../../api/types';
import { countDocuments, selectDocuments } from '../query/select';
import { encodeEjson } from '../wire/ejson';
import { collectionName, ejsonDocument, optionalCount, queryType } from '../wire/params';
import { scopeOf, type DbContext } from './context';

/** The page size of a `get()`: the SDK's `limit`, defaulted and capped like the service does. */
export function getLimit(ctx: DbContext, requested: number | undefined): number {
  // limit(0) is sent by the SDK as its default 100 anyway; a raw 0 means "the default" too.
  if (requested === undefined || requested === 0) return ctx.limits.defaultGetLimit;
  return Math.min(requested, ctx.limits.maxGetLimit);
}

export function getDocument(ctx: DbContext, { params }: TcbRequest): TcbReply {
  const collection = ctx.storage.catalog.require(collectionName(params));
  const { view } = scopeOf(ctx, params);
  const filter = ejsonDocument(params, 'query', ctx.clock);
  const projection = ejsonDocument(params, 'projection', ctx.clock);
  const docs =
    queryType(params) === 'DOC'
      ? // doc(id).get() sends no limit: it returns the document or an empty list (the "not found"
        // error of wx-server-sdk is made on the client).
        selectDocuments(view, collection, filter, { projection, limit: 1 })
      : selectDocuments(view, collection, filter, {
          order: ejsonDocument(params, 'order', ctx.clock),
          skip: optionalCount(params, 'offset'),
          limit: getLimit(ctx, optionalCount(params, 'limit')),
          projection,
        });
  return { kind: 'json', data: { list: docs.map(encodeEjson) } };
}

export function calculateDocument(ctx: DbContext, { params }: TcbRequest): TcbReply {
  const collection = ctx.storage.catalog.require(collectionName(params));
  const { view } = scopeOf(ctx, params);
  const total = countDocuments(view, collection, ejsonDocument(params, 'query', ctx.clock));
  return { kind: 'json', data: { total } };
}
