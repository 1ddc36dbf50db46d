/** `database.startTransaction`, `commitTransaction` and `abortTransaction` (tx/manager.ts). */
import type { TcbReply, TcbRequest } from '../../api/types';
import { requiredString } from '../wire/params';
import type { DbContext } from './context';

export function startTransaction(ctx: DbContext): TcbReply {
  const tx = ctx.transactions.start();
  // The SDK reads transactionId at the top level of the reply, not under data.
  return { kind: 'json', top: { transactionId: tx.id } };
}

export function commitTransaction(ctx: DbContext, { params }: TcbRequest): TcbReply {
  ctx.transactions.commit(requiredString(params, 'transactionId'));
  return { kind: 'json' };
}

export function abortTransaction(ctx: DbContext, { params }: TcbRequest): TcbReply {
  ctx.transactions.abort(requiredString(params, 'transactionId'));
  return { kind: 'json' };
}
