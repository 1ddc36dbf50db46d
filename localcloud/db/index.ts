/** The local CloudBase database behind the `database.*` actions of the API transport. */
export {
  DATABASE_ACTIONS,
  DEFAULT_LIMITS,
  DEFAULT_MANIFEST_PATH,
  LocalDatabase,
  createDatabase,
} from './database';
export type { CallStats, DatabaseAction, DatabaseOptions, QueryExplanation } from './database';
export type { Limits } from './actions/context';
export { loadManifest, parseManifest } from './storage/manifest';
export type { IndexSpec, Manifest } from './storage/manifest';
export type { Synchronous } from './storage/sqlite';
export type { TransactionOptions, TransactionStats } from './tx/manager';
export type { Doc } from './wire/values';
