/** One transaction's state: its snapshot and the writes it has staged but not yet committed. */
import type { CollectionInfo } from '../storage/catalog';
import type { Snapshot } from '../storage/storage';
import type { Doc } from '../wire/values';

export type TransactionState = 'active' | 'committed' | 'aborted' | 'conflicted' | 'expired';

export interface StagedWrite {
  collection: CollectionInfo;
  key: string;
  /** The document as the transaction leaves it; null when it removed it. */
  doc: Doc | null;
  /** The committed version when this transaction first wrote it (undefined: did not exist). */
  baseVersion: number | undefined;
  /** The document's place in natural order, when it existed before the transaction. */
  rid: number | undefined;
  /** Staging order: where documents inserted by the transaction sort among themselves. */
  order: number;
}

export function lockKey(collection: CollectionInfo, key: string): string {
  return `${collection.cid}:${key}`;
}

export class Transaction {
  state: TransactionState = 'active';
  readonly writes = new Map<string, StagedWrite>();
  private stagedCount = 0;

  constructor(
    readonly id: string,
    readonly snapshot: Snapshot,
    readonly startedAt: number,
  ) {}

  nextOrder(): number {
    this.stagedCount += 1;
    return this.stagedCount;
  }

  stagedWrite(collection: CollectionInfo, key: string): StagedWrite | undefined {
    return this.writes.get(lockKey(collection, key));
  }

  writesIn(collection: CollectionInfo): StagedWrite[] {
    return [...this.writes.values()].filter((write) => write.collection.cid === collection.cid);
  }
}
