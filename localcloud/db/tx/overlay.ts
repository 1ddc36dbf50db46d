/**
 * What a transaction reads: its snapshot with its own staged writes laid over it. A replaced document
 * keeps its place in natural order; documents the transaction inserted come after the others.
 */
import type { AccessPlan } from '../query/plan';
import type { CandidateSource } from '../query/select';
import type { CollectionInfo, IndexInfo } from '../storage/catalog';
import type { StoredDoc } from '../storage/reader';
import type { Transaction } from './transaction';

export class TransactionView implements CandidateSource {
  constructor(private readonly tx: Transaction) {}

  get(collection: CollectionInfo, key: string): StoredDoc | undefined {
    const staged = this.tx.stagedWrite(collection, key);
    if (!staged) return this.tx.snapshot.reader.byKey(collection, key);
    if (staged.doc === null) return undefined;
    return { rid: staged.rid ?? Number.MAX_SAFE_INTEGER, version: 0, key, doc: staged.doc };
  }

  candidates(collection: CollectionInfo, plan: AccessPlan<IndexInfo>): Iterable<StoredDoc> {
    const staged = this.tx.writesIn(collection);
    const base = this.tx.snapshot.reader.candidates(collection, plan);
    if (staged.length === 0) return base;
    const byKey = new Map(staged.map((write) => [write.key, write]));
    // A staged document is a candidate whatever the plan says about its old version: mingo decides.
    const merged: Array<StoredDoc & { order: number }> = [];
    for (const stored of base) {
      if (!byKey.has(stored.key)) merged.push({ ...stored, order: 0 });
    }
    for (const write of staged) {
      if (write.doc === null) continue;
      merged.push({
        rid: write.rid ?? Number.MAX_SAFE_INTEGER,
        version: 0,
        key: write.key,
        doc: write.doc,
        order: write.order,
      });
    }
    return merged.sort((a, b) => a.rid - b.rid || a.order - b.order);
  }
}
