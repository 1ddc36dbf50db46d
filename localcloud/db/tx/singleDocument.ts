/**
 * CloudBase transactions take single-document operations only: `doc(id).get/set/update/remove` and
 * `add` of one document (NOTES.md §3.8 7). This decides, from the request alone, whether a request that
 * carries a `transactionId` is one of them.
 *
 * What arrives here is only what the SDKs send WITH a transactionId (@cloudbase/database 1.4.3):
 * `where().get()`, `collection.get()`, `where().updateAndReturn()` and `add([...])` do; `count()`,
 * `aggregate()`, `where().update()` and `where().remove()` do not – those run outside the transaction on
 * CloudBase too and cannot be seen here (NOTES.md §3.8 8).
 */
import type { TimeSource } from '../../clock';
import { ejsonDocument, queryType, type Params } from '../wire/params';

/** The shape `doc(id)` sends: queryType DOC and a query that is exactly `{ _id: <string | number> }`. */
function isDocQuery(params: Params, clock: TimeSource): boolean {
  if (queryType(params) !== 'DOC') return false;
  const query = ejsonDocument(params, 'query', clock);
  const keys = Object.keys(query);
  const id = query._id;
  return keys.length === 1 && keys[0] === '_id' && (typeof id === 'string' || typeof id === 'number');
}

/** How the refused operation reads in app code, for the error message. */
function whereForm(params: Params, op: string): string {
  return params.query === undefined || params.query === '' ? `collection.${op}()` : `where().${op}()`;
}

/**
 * Why the request is not a single-document operation (for the error message), or null when it is one.
 * `action` is the `database.*` action name.
 */
export function notSingleDocument(action: string, params: Params, clock: TimeSource): string | null {
  switch (action) {
    case 'database.insertDocument': {
      const count = Array.isArray(params.data) ? params.data.length : 0;
      return count === 1 ? null : `add() of ${count} documents at once`;
    }
    case 'database.getDocument':
      if (!isDocQuery(params, clock)) return `${whereForm(params, 'get')} (a query)`;
      // doc(id).get() sends no paging; anything more is a query in disguise.
      return params.offset !== undefined || params.limit !== undefined || params.order !== undefined
        ? 'a get() with skip/limit/orderBy'
        : null;
    case 'database.modifyDocument':
      if (!isDocQuery(params, clock)) return `${whereForm(params, 'update')} (a multi-document update)`;
      return params.multi === true ? 'an update with multi: true' : null;
    case 'database.removeDocument':
      if (!isDocQuery(params, clock)) return `${whereForm(params, 'remove')} (a multi-document remove)`;
      return params.multi === true ? 'a remove with multi: true' : null;
    case 'database.modifyAndReturnDoc':
      return 'where().updateAndReturn() (a query)';
    case 'database.calculateDocument':
      return 'count()';
    case 'database.aggregateDocuments':
      return 'aggregate()';
    default:
      return `${action}`;
  }
}

/** Actions that end or start a transaction rather than run inside one. */
export const TRANSACTION_CONTROL = new Set([
  'database.startTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
]);
