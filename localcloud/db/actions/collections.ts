/** `database.addCollection` (db.createCollection). */
import type { TcbReply, TcbRequest } from '../../api/types';
import { collectionAlreadyExist, invalidParam } from '../errors';
import { collectionName } from '../wire/params';
import type { DbContext } from './context';

/** Only what would break MongoDB-style names; CloudBase's own naming rules are not enforced. */
const COLLECTION_NAME = /^[^$\s\0]{1,120}$/;

export function addCollection(ctx: DbContext, { params }: TcbRequest): TcbReply {
  const name = collectionName(params);
  if (!COLLECTION_NAME.test(name)) throw invalidParam(`invalid collection name: ${name}`);
  if (ctx.storage.catalog.find(name)) throw collectionAlreadyExist(name);
  ctx.storage.createCollection(name);
  return { kind: 'json' };
}
