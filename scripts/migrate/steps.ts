/**
 * The data-model migrations of a store written by earlier versions of the functions, each idempotent
 * (running it again changes nothing) and safe to resume after an interruption. Run them with the
 * functions stopped (no traffic): `npm run migrate` (scripts/migrate/index.ts).
 *
 *  1. commissions – records per order line and level → one record per order and level with the lines
 *                   inside (cloudfunctions/common/stores/commissions.ts), their ledger entries pointed at the new
 *                   record, and the order's summary of its records.
 *  2. stats       – `statsDaily/<date>:<shard>` documents → the day inside the shard document
 *                   `statsTotals/all:<shard>` (`days.<date>`), or the day's archive `statsDaily/<date>`
 *                   when it is older than the shards keep.
 *  3. accounts    – each distributor's account carries a copy of its status (and exists).
 *  4. users       – user ids derived from the OPENID (shared/user-id.ts): every reference to an old id,
 *                   in every collection, rewritten; the users themselves last, each in a transaction.
 *
 * Everything is read in pages of 100 by `_id` (CloudBase's limit per get).
 */
import { DAY_MS, beijingDateKey } from '../../shared/time';
import { userIdOf } from '../../shared/user-id';
import { emptyAccount } from '../../shared/account';

/* eslint-disable @typescript-eslint/no-explicit-any -- documents of earlier versions, schemaless */
type Doc = Record<string, any>;

/** The part of @cloudbase/node-sdk's database the migrations use. */
export type MigrationDb = any;

export interface StepResult {
  step: string;
  changed: number;
}

export type Progress = (line: string) => void;

const PAGE = 100;
/** Kept in step with cloudfunctions/common/stores/stats.ts. */
const STATS_SHARDS = 16;
const DAYS_KEPT = 100;
/** `statsDaily/<date>:<shard>`: a day's figures in the layout of earlier versions. */
const LEGACY_DAY = /^(\d{4}-\d{2}-\d{2}):(\d+)$/;

async function* pages(db: MigrationDb, collection: string, where: Doc = {}): AsyncGenerator<Doc[]> {
  const _ = db.command;
  let after: string | null = null;
  for (;;) {
    const filter: Doc = after === null ? where : { ...where, _id: _.gt(after) };
    const { data }: { data: Doc[] } = await db
      .collection(collection)
      .where(filter)
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get();
    if (data.length === 0) return;
    yield data as Doc[];
    if (data.length < PAGE) return;
    after = String(data[data.length - 1]._id);
  }
}

/** A `doc(id).get()` answer's document: node-sdk answers a list outside transactions, the document inside. */
function docOf(reply: { data?: unknown }): Doc | null {
  const { data } = reply;
  return ((Array.isArray(data) ? data[0] : data) as Doc | undefined) ?? null;
}

async function getDoc(db: MigrationDb, collection: string, id: string): Promise<Doc | null> {
  return docOf(await db.collection(collection).doc(id).get());
}

const without = ({ _id, ...rest }: Doc): Doc => rest;

// ---------------------------------------------------------------------------------------------------
// 1. commissions

function levelRecord(orderId: string, level: number, legacy: Doc[]): Doc {
  const lines = legacy
    .sort((a, b) => String(a.lineId).localeCompare(String(b.lineId), 'en', { numeric: true }))
    .map((r) => ({
      lineId: r.lineId,
      productId: r.productId,
      productTitle: r.productTitle ?? '',
      baseFen: r.baseFen,
      rate: r.rate ?? null,
      fixedPerUnitFen: r.fixedPerUnitFen ?? null,
      originalAmountFen: r.originalAmountFen ?? r.amountFen,
      amountFen: r.amountFen,
      clawbackFen: r.clawbackFen ?? 0,
    }));
  const same = (values: unknown[]) => (values.every((v) => v === values[0]) ? values[0] : null);
  const statuses = legacy.map((r) => r.status);
  const status = statuses.every((s) => s === 'reversed')
    ? 'reversed'
    : statuses.includes('settled')
      ? 'settled'
      : 'pending';
  const times = (field: string) => legacy.map((r) => r[field]).filter((v) => typeof v === 'number');
  return {
    _id: `${orderId}-L${level}`,
    orderId,
    level,
    beneficiaryId: legacy[0].beneficiaryId,
    buyerId: legacy[0].buyerId,
    productTitle:
      lines.length > 1
        ? `${lines[0].productTitle} 等 ${lines.length} 件商品`
        : (lines[0]?.productTitle ?? ''),
    baseFen: lines.reduce((s, l) => s + l.baseFen, 0),
    rate: same(lines.map((l) => l.rate)),
    fixedPerUnitFen: same(lines.map((l) => l.fixedPerUnitFen)),
    originalAmountFen: lines.reduce((s, l) => s + l.originalAmountFen, 0),
    amountFen: lines.reduce((s, l) => s + l.amountFen, 0),
    clawbackFen: lines.reduce((s, l) => s + l.clawbackFen, 0),
    status,
    createdAt: Math.min(...times('createdAt')),
    settledAt: status === 'settled' ? Math.max(...times('settledAt')) : null,
    reversedAt: status === 'reversed' ? Math.max(...times('reversedAt')) : null,
    lines,
    migratedFrom: legacy.map((r) => r._id),
  };
}

function summaryOf(record: Doc): Doc {
  return {
    commissionId: record._id,
    level: record.level,
    beneficiaryId: record.beneficiaryId,
    amountFen: record.amountFen,
    status: record.status,
    liveLineIds: (record.lines as Doc[]).filter((l) => l.amountFen > 0).map((l) => l.lineId),
  };
}

async function migrateOrderCommissions(db: MigrationDb, orderId: string): Promise<void> {
  const _ = db.command;
  const { data } = await db.collection('commissions').where({ orderId }).limit(PAGE).get();
  const legacy = (data as Doc[]).filter((r) => typeof r.lineId === 'string');
  const byLevel = new Map<number, Doc[]>();
  for (const r of legacy) byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r]);
  const records: Doc[] = [];
  for (const [level, group] of [...byLevel].sort(([a], [b]) => a - b)) {
    // A record written by an interrupted earlier run is the truth: its legacy lines may be gone already.
    const existing = await getDoc(db, 'commissions', `${orderId}-L${level}`);
    const record = existing?.migratedFrom ? existing : levelRecord(orderId, level, group);
    if (!existing?.migratedFrom) await db.collection('commissions').doc(record._id).set(without(record));
    records.push(record);
    for (const legacyId of record.migratedFrom as string[]) {
      await db
        .collection('ledger')
        .where({ orderId, commissionId: legacyId })
        .update({ commissionId: record._id });
    }
  }
  const all = (await db.collection('commissions').where({ orderId }).limit(PAGE).get()).data as Doc[];
  const levels = all.filter((r) => typeof r.lineId !== 'string').sort((a, b) => a.level - b.level);
  await db
    .collection('orders')
    .doc(orderId)
    .update({ commissions: _.set(levels.map(summaryOf)) });
  for (const r of legacy) await db.collection('commissions').doc(r._id).remove();
}

export async function migrateCommissions(db: MigrationDb, progress: Progress): Promise<StepResult> {
  const _ = db.command;
  let changed = 0;
  for (;;) {
    // Each round takes the first legacy record left and migrates its whole order: a page never splits one.
    const { data } = await db
      .collection('commissions')
      .where({ lineId: _.exists(true) })
      .orderBy('_id', 'asc')
      .limit(1)
      .get();
    if (data.length === 0) break;
    await migrateOrderCommissions(db, String(data[0].orderId));
    changed += 1;
    if (changed % 100 === 0) progress(`commissions: ${changed} orders…`);
  }
  // Paid orders without any commission still get their (empty) summary.
  for await (const orders of pages(db, 'orders', { paidAt: _.gt(0), commissions: _.exists(false) })) {
    for (const order of orders) {
      await db
        .collection('orders')
        .doc(order._id)
        .update({ commissions: _.set([]) });
      changed += 1;
    }
  }
  return { step: 'commissions', changed };
}

// ---------------------------------------------------------------------------------------------------
// 2. stats

export async function migrateStats(db: MigrationDb, now: number, progress: Progress): Promise<StepResult> {
  const _ = db.command;
  const oldest = beijingDateKey(now - DAYS_KEPT * DAY_MS);
  let changed = 0;
  for await (const docs of pages(db, 'statsDaily', { date: _.exists(true) })) {
    const legacy = docs.filter((doc) => LEGACY_DAY.test(String(doc._id)));
    if (legacy.length === 0) continue;
    // One transaction per page: the page's documents leave and their figures arrive together, so an
    // interrupted run neither loses nor doubles a figure.
    changed += await db.runTransaction(async (t: any) => {
      const targets = new Map<
        string,
        { ref: any; keep: boolean; date: string; figures: Map<string, number> }
      >();
      // (date is the archive's own day; shard targets carry theirs in the paths)
      let moved = 0;
      for (const doc of legacy) {
        if (!docOf(await t.collection('statsDaily').doc(doc._id).get())) continue;
        const [, date, shardText] = LEGACY_DAY.exec(String(doc._id)) as RegExpExecArray;
        const keep = date >= oldest;
        const id = keep ? `all:${Number(shardText) % STATS_SHARDS}` : date;
        const target = targets.get(id) ?? {
          ref: t.collection(keep ? 'statsTotals' : 'statsDaily').doc(id),
          keep,
          date,
          figures: new Map<string, number>(),
        };
        for (const [key, value] of Object.entries(doc)) {
          if (['_id', 'date', 'updatedAt'].includes(key) || typeof value !== 'number') continue;
          const path = keep ? `days.${date}.${key}` : key;
          target.figures.set(path, (target.figures.get(path) ?? 0) + value);
        }
        targets.set(id, target);
        await t.collection('statsDaily').doc(doc._id).remove();
        moved += 1;
      }
      for (const { ref, keep, date, figures } of targets.values()) {
        if (docOf(await ref.get())) {
          const incs = Object.fromEntries([...figures].map(([path, value]) => [path, _.inc(value)]));
          await ref.update({ ...incs, updatedAt: now });
          continue;
        }
        // A new document: the dotted paths as nested fields (`days.<date>.orders` → { days: { <date>: … } }).
        const nested: Doc = {};
        for (const [path, value] of figures) {
          const keys = path.split('.');
          let into = nested;
          for (const key of keys.slice(0, -1)) into = into[key] ??= {};
          into[keys[keys.length - 1]] = value;
        }
        await ref.set(keep ? { ...nested, updatedAt: now } : { date, ...nested, archivedAt: now });
      }
      return moved;
    });
    progress(`stats: ${changed} day documents moved…`);
  }
  return { step: 'stats', changed };
}

// ---------------------------------------------------------------------------------------------------
// 3. accounts

export async function migrateAccounts(db: MigrationDb, now: number): Promise<StepResult> {
  const _ = db.command;
  let changed = 0;
  for await (const users of pages(db, 'users', {
    distributorStatus: _.in(['pending', 'active', 'disabled']),
  })) {
    for (const user of users) {
      const account = await getDoc(db, 'accounts', user._id);
      if (account?.distributorStatus === user.distributorStatus) continue;
      if (account)
        await db.collection('accounts').doc(user._id).update({ distributorStatus: user.distributorStatus });
      else {
        const fresh = { ...emptyAccount(user._id, now), distributorStatus: user.distributorStatus };
        await db.collection('accounts').doc(user._id).set(without(fresh));
      }
      changed += 1;
    }
  }
  return { step: 'accounts', changed };
}

// ---------------------------------------------------------------------------------------------------
// 4. users

/** Collections that may refer to users by id (users itself is done last). */
export const USER_REFERENCES = [
  'accounts',
  'bindings',
  'ledger',
  'commissions',
  'orders',
  'refunds',
  'withdrawals',
  'posters',
  'messages',
  'jobs',
];

const HEX32 = /[0-9a-f]{32}/g;
const HAS_HEX32 = /[0-9a-f]{32}/;

/** `value` with every old user id (a whole string, or a 32-hex token inside one) replaced. */
export function replaceIds(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    return (
      map.get(value) ?? (HAS_HEX32.test(value) ? value.replace(HEX32, (id) => map.get(id) ?? id) : value)
    );
  }
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, map));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIds(v, map)]));
  }
  return value;
}

export async function migrateUserIds(db: MigrationDb, progress: Progress): Promise<StepResult> {
  const map = new Map<string, string>();
  for await (const users of pages(db, 'users')) {
    for (const user of users) {
      if (typeof user.openid !== 'string') continue;
      const derived = userIdOf(user.openid);
      if (user._id !== derived) map.set(user._id, derived);
    }
  }
  if (map.size === 0) return { step: 'users', changed: 0 };
  progress(`users: ${map.size} to re-key`);
  let changed = 0;
  for (const collection of USER_REFERENCES) {
    for await (const docs of pages(db, collection)) {
      for (const doc of docs) {
        const next = replaceIds(doc, map) as Doc;
        if (JSON.stringify(next) === JSON.stringify(doc)) continue;
        if (next._id === doc._id) await db.collection(collection).doc(doc._id).set(without(next));
        else {
          await db.runTransaction(async (t: any) => {
            await t.collection(collection).doc(doc._id).remove();
            await t.collection(collection).doc(next._id).set(without(next));
          });
        }
        changed += 1;
      }
    }
    progress(`users: references in ${collection} rewritten`);
  }
  // The users themselves, last: until then the map can be made again from them.
  for (const [oldId, newId] of map) {
    const user = await getDoc(db, 'users', oldId);
    if (!user) continue;
    const next = replaceIds({ ...user, _id: newId }, map) as Doc;
    await db.runTransaction(async (t: any) => {
      await t.collection('users').doc(oldId).remove();
      await t.collection('users').doc(newId).set(without(next));
    });
    changed += 1;
  }
  return { step: 'users', changed };
}

export async function migrateAll(db: MigrationDb, now: number, progress: Progress): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of [
    () => migrateCommissions(db, progress),
    () => migrateStats(db, now, progress),
    () => migrateAccounts(db, now),
    () => migrateUserIds(db, progress),
  ]) {
    const result = await step();
    progress(`${result.step}: ${result.changed} changed`);
    results.push(result);
  }
  return results;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
