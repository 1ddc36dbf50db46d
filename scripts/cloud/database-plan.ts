/**
 * The database half of the set-up as a pure function: what the environment has + the manifest → the
 * steps that make it match, and the differences no step may fix on its own.
 *
 * What CloudBase's management API can say about an index (UpdateTable's MgoKeySchema, DescribeTable's
 * IndexInfo – https://cloud.tencent.com/document/api/876/127964, and @cloudbase/manager-node's
 * CreateIndex / IndexInfo types): its name, keys with directions, and `unique`. It has NO sparse flag,
 * neither to create nor to read. A sparse unique index created through it would be a plain unique index,
 * on which every document without the field collides with the first one (users.inviteCode: every second
 * login would fail). So a sparse index is never created by the set-up: it is a `manualIndex` step, printed
 * loudly with the console page that makes it, and an existing one is reported as unverifiable.
 */
import { COLLECTION_PERMISSION, type CollectionSpec, type IndexSpec } from './manifest';

/** An index as the environment reports it (sparse unknown: see above). */
export interface IndexState {
  name: string;
  keys: [string, number][];
  unique: boolean;
}

export interface CollectionState {
  indexes: IndexState[];
  /** ADMINONLY, READONLY, …, or null when the environment did not say. */
  permission: string | null;
}

/** Collection name → what it has; a collection the environment lacks is absent. */
export type DatabaseState = Map<string, CollectionState>;

export type DatabaseStep =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec }
  | { kind: 'replaceIndex'; collection: string; index: IndexSpec; found: IndexState }
  | { kind: 'manualIndex'; collection: string; index: IndexSpec; found: IndexState | null }
  | { kind: 'setPermission'; collection: string; from: string | null; to: string };

export interface DatabasePlan {
  steps: DatabaseStep[];
  /** Differences the set-up reports and leaves alone (it never drops what the manifest does not name). */
  differences: string[];
}

/** MongoDB's own index on _id, present on every collection and never declared. */
const ID_INDEX = '_id_';

export function describeIndex(index: {
  keys: [string, number][];
  unique: boolean;
  sparse?: boolean;
}): string {
  const keys = index.keys.map(([f, d]) => `${f}:${d}`).join(', ');
  return `{ ${keys} }${index.unique ? ' unique' : ''}${index.sparse ? ' sparse' : ''}`;
}

function sameIndex(want: IndexSpec, found: IndexState): boolean {
  return (
    want.unique === found.unique &&
    want.keys.length === found.keys.length &&
    want.keys.every(([field, direction], i) => found.keys[i][0] === field && found.keys[i][1] === direction)
  );
}

export function planDatabase(manifest: CollectionSpec[], state: DatabaseState): DatabasePlan {
  const steps: DatabaseStep[] = [];
  const differences: string[] = [];
  for (const spec of manifest) {
    const current = state.get(spec.name);
    if (!current) steps.push({ kind: 'createCollection', collection: spec.name });
    const found = new Map((current?.indexes ?? []).map((i) => [i.name, i]));
    for (const index of spec.indexes) {
      const existing = found.get(index.name) ?? null;
      if (index.sparse) {
        if (!existing || !sameIndex(index, existing)) {
          steps.push({ kind: 'manualIndex', collection: spec.name, index, found: existing });
        } else {
          differences.push(
            `${spec.name}.${index.name}: present, but whether it is sparse cannot be read through the management API – check 索引管理 in the console`,
          );
        }
      } else if (!existing) {
        steps.push({ kind: 'createIndex', collection: spec.name, index });
      } else if (!sameIndex(index, existing)) {
        steps.push({ kind: 'replaceIndex', collection: spec.name, index, found: existing });
      }
    }
    const declared = new Set(spec.indexes.map((i) => i.name));
    for (const extra of current?.indexes ?? []) {
      if (extra.name !== ID_INDEX && !declared.has(extra.name)) {
        differences.push(
          `${spec.name}.${extra.name} ${describeIndex(extra)}: not in the manifest (left alone)`,
        );
      }
    }
    if (current?.permission !== COLLECTION_PERMISSION) {
      steps.push({
        kind: 'setPermission',
        collection: spec.name,
        from: current?.permission ?? null,
        to: COLLECTION_PERMISSION,
      });
    }
  }
  const declared = new Set(manifest.map((c) => c.name));
  for (const name of state.keys()) {
    if (!declared.has(name)) differences.push(`collection ${name}: not in the manifest (left alone)`);
  }
  return { steps, differences };
}

/** One line per step, for the dry run and the log of a real run. */
export function describeDatabaseStep(step: DatabaseStep): string {
  switch (step.kind) {
    case 'createCollection':
      return `create collection ${step.collection}`;
    case 'createIndex':
      return `create index ${step.collection}.${step.index.name} ${describeIndex(step.index)}`;
    case 'replaceIndex':
      return `replace index ${step.collection}.${step.index.name}: ${describeIndex(step.found)} → ${describeIndex(step.index)} (drop, then create)`;
    case 'manualIndex':
      return (
        `!! MANUAL: index ${step.collection}.${step.index.name} ${describeIndex(step.index)}` +
        (step.found ? ` (found ${describeIndex(step.found)}: drop it first)` : '') +
        ' – CloudBase\'s management API cannot express "sparse"; create it in 云开发控制台 → 数据库 → ' +
        `${step.collection} → 索引管理 with 唯一 and 稀疏 ticked. A non-sparse unique index here makes every second document without the field fail`
      );
    case 'setPermission':
      return `set permission of ${step.collection}: ${step.from ?? 'unknown'} → ${step.to} (仅管理端可读写)`;
  }
}
