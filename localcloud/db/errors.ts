/**
 * The database's errors, with the codes and message shapes of the real service (NOTES.md §2.5), so
 * that app code matching on `code`, wx-server-sdk's `errCode` mapping or on message text (`E11000`,
 * `TransactionConflict`) behaves the same locally.
 */
import { TcbError } from '../api/types';

const SUFFIX = 'Please check your request, but if the problem persists, contact us.';

export function invalidParam(message: string): TcbError {
  return new TcbError('INVALID_PARAM', message);
}

export function collectionNotExist(name: string): TcbError {
  return new TcbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. ${SUFFIX}`,
  );
}

export function collectionAlreadyExist(name: string): TcbError {
  return new TcbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceExist] Table exist: ${name}. ${SUFFIX}`);
}

/**
 * The official docs name DATABASE_DUPLICATE_WRITE; field reports quote the MongoDB text. Sending
 * both covers code checks and message greps alike.
 */
export function duplicateKey(collection: string, index: string, key: string): TcbError {
  return new TcbError(
    'DATABASE_DUPLICATE_WRITE',
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  );
}

/** A query, update or pipeline the evaluator refuses (unknown operator, bad projection, …). */
export function requestFailed(message: string): TcbError {
  return new TcbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`);
}

/** The code both SDKs' runTransaction retries on (node-sdk anywhere, wx-server-sdk at commit). */
export const TRANSACTION_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

export function transactionConflict(): TcbError {
  return new TcbError(
    TRANSACTION_CONFLICT,
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${SUFFIX}`,
  );
}

export function transactionNotExist(): TcbError {
  return new TcbError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. ${SUFFIX}`,
  );
}

/**
 * A request inside a transaction that is not a single-document operation (NOTES.md §3.8 7). The code is
 * the documented one for "a transaction request failed"; the message says what was refused.
 */
export function transactionNotSingleDocument(what: string): TcbError {
  return new TcbError(
    'DATABASE_TRANSACTION_FAIL',
    `[FailedOperation] transactions support only single-document operations (doc(id).get/set/update/remove, add of one document); refused: ${what}. The transaction was aborted.`,
  );
}
