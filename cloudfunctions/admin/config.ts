/**
 * admin.getConfig / updateConfig / configHistory. An update is a partial config (JSON merge patch:
 * objects merge, arrays replace, null removes) merged into the current one and validated AS A WHOLE
 * (shared/config.ts) – an invalid result is refused with every problem in the message and nothing is
 * saved. The read, the check, the write and the history entry are one transaction, so two admins saving
 * at once cannot lose each other's change: the second is retried on top of the first.
 *
 * The stored document `config/mall` is the config itself plus `_meta { updatedAt, updatedBy }`; the
 * leading underscore keeps the metadata out of the config (configFromStored ignores `_` keys).
 * Every change that changes something is kept in `configHistory` with who and when.
 */
import { z } from 'zod';
import { configFromStored, configOrThrow, describeConfigChanges, mergeConfig } from '../../shared/config';
import { requireAdmin } from '../common/stores/admins';
import { CONFIG_DOC_ID } from '../common/stores/config';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { pageFields, pageWindow } from '../common/platform/paging';
import { inTransaction } from '../common/platform/tx';

async function readStoredMeta(): Promise<{ updatedAt: number | null; updatedBy: string | null }> {
  const { data } = await db.collection(COLLECTIONS.config).doc(CONFIG_DOC_ID).get();
  const meta = (data?._meta ?? {}) as { updatedAt?: number; updatedBy?: string };
  return { updatedAt: meta.updatedAt ?? null, updatedBy: meta.updatedBy ?? null };
}

/** JSON text with keys in a fixed order, to tell whether an update changed anything. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export const configActions = {
  /** 读取商户配置（含默认值） */
  getConfig: action(z.object({}), async () => {
    const { data } = await db.collection(COLLECTIONS.config).doc(CONFIG_DOC_ID).get();
    return configFromStored(data);
  }),

  /** 修改商户配置：部分修改，整体校验；无效则拒绝且不保存；每次修改记入历史 */
  updateConfig: action(
    z.object({ config: z.record(z.string(), z.unknown(), { error: 'config 必须是一个对象' }) }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      return inTransaction(async (t) => {
        const now = Date.now();
        const ref = t.collection(COLLECTIONS.config).doc(CONFIG_DOC_ID);
        const { data } = await ref.get();
        const before = configFromStored(data);
        const after = configOrThrow(mergeConfig(before, input.config));
        if (canonical(before) === canonical(after)) return after;
        await ref.set({ data: { ...after, _meta: { updatedAt: now, updatedBy: admin } } });
        await t.collection(COLLECTIONS.configHistory).add({
          data: { before, after, patch: input.config, changedBy: admin, changedAt: now },
        });
        return after;
      });
    },
  ),

  /** 配置修改历史（新的在前）：每次修改了哪些设置，改前改后（文字） */
  configHistory: action(z.object({ ...pageFields }), async (input) => {
    const window = pageWindow(input);
    const collection = db.collection(COLLECTIONS.configHistory);
    const [{ data }, { total }, meta] = await Promise.all([
      collection.orderBy('changedAt', 'desc').skip(window.skip).limit(window.pageSize).get(),
      collection.count(),
      readStoredMeta(),
    ]);
    return {
      items: data.map((h) => ({
        historyId: h._id as string,
        changedBy: h.changedBy as string,
        changedAt: h.changedAt as number,
        patch: h.patch as unknown,
        before: h.before as unknown,
        after: h.after as unknown,
        changes: describeConfigChanges(h.before, h.after),
      })),
      total,
      page: window.page,
      pageSize: window.pageSize,
      current: meta,
    };
  }),
};
