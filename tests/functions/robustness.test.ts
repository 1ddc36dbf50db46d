/**
 * "Bad input gets a VALIDATION envelope and changes nothing; INTERNAL is always a bug" – checked for
 * every action of every function, with random payloads built from the API's own parameter names and
 * arbitrary JSON values: whoever calls (a buyer, a distributor, an admin, nobody), every reply is an
 * envelope, never INTERNAL; a refused call writes nothing; every admin action refuses non-admins.
 */
import path from 'node:path';
import fc from 'fast-check';
import { FUNCTIONS_OUT, listFunctions } from '../../scripts/function-config';
import { ADMIN, type Mall, startMall } from './harness';
import { buyer, distributor, paidOrder, product } from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- replies and payloads are arbitrary JSON */

/** Parameter names the API uses anywhere (docs/api.md). */
const KEYS = [
  'productId',
  'orderId',
  'userId',
  'withdrawalId',
  'refundId',
  'items',
  'quantity',
  'address',
  'inviteCode',
  'amountFen',
  'priceFen',
  'stock',
  'page',
  'pageSize',
  'status',
  'level',
  'approve',
  'reason',
  'method',
  'account',
  'config',
  'days',
  'keyword',
  'gradeId',
  'carrier',
  'trackingNo',
  'title',
  'cover',
  'commission',
  'shopName',
  'logo',
  'intro',
  'realName',
  'phone',
  'reference',
  'source',
  'nickname',
  'avatarUrl',
  'scene',
];

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(
    0,
    -1,
    1.5,
    1e21,
    Number.MAX_SAFE_INTEGER,
    '',
    ' ',
    '0',
    'x'.repeat(300),
    '$where',
    '.*',
    '\u0000',
  ),
  fc.constantFrom(
    { $gt: '' },
    { $ne: null },
    [{ productId: 'p-longjing', quantity: 1 }],
    [{ productId: 'p-longjing', quantity: -1 }],
  ),
);

const payload = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 });

/** The built functions that dispatch on `action`, with their actions. */
function dispatching(): Array<{ fn: string; actions: readonly string[] }> {
  return listFunctions()
    .map((fn) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { main } = require(path.join(FUNCTIONS_OUT, fn, 'index.js'));
      return { fn, actions: (main.actions ?? []) as readonly string[] };
    })
    .filter((f) => f.actions.length > 0);
}

/** What the random calls met, so the last test can show the property was not vacuous. */
const outcomes: Record<string, number> = {};
const COLLECTIONS = [
  'users',
  'orders',
  'commissions',
  'ledger',
  'accounts',
  'withdrawals',
  'refunds',
  'products',
  'config',
];

describe('robustness of every action against arbitrary input', () => {
  let mall: Mall;
  let callers: Array<string | null>;

  beforeAll(async () => {
    mall = await startMall();
    const d = await distributor(mall, 'rb-distributor');
    const b = await buyer(mall, 'rb-buyer', d.inviteCode ?? undefined);
    const productId = await product(mall, { title: '测试商品', priceFen: 1000, stock: 50 });
    await paidOrder(mall, b, [{ productId, quantity: 1 }]);
    callers = ['rb-buyer', 'rb-distributor', ADMIN, null, 'rb-stranger'];
  }, 60_000);
  afterAll(() => mall.stop());

  async function fingerprint(): Promise<string> {
    const counts = await Promise.all(
      COLLECTIONS.map(async (c) => `${c}:${(await mall.db.collection(c).count()).total}`),
    );
    const ledger = await mall.find('ledger');
    const accounts = await mall.find('accounts');
    return JSON.stringify({ counts, ledger: ledger.map((e) => e._id).sort(), accounts });
  }

  const functions = dispatching();

  it('finds the actions of every dispatching function', () => {
    expect(functions.map((f) => f.fn)).toEqual(
      expect.arrayContaining(['admin', 'catalog', 'distributor', 'order', 'user', 'withdraw']),
    );
    expect(functions.find((f) => f.fn === 'admin')!.actions).toEqual(
      expect.arrayContaining(['getConfig', 'updateConfig', 'dashboard', 'audit', 'reviewWithdrawal']),
    );
  });

  it.each(functions.map((f) => [f.fn, f.actions] as const))(
    '%s: never INTERNAL, refusals write nothing, admin actions refuse non-admins',
    async (fn, actions) => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...actions),
          payload,
          fc.constantFrom(...callers),
          async (action, params, caller) => {
            const before = await fingerprint();
            const reply: any = await mall.call(fn, action, params, caller);
            expect(reply).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
            outcomes[reply.ok ? 'ok' : reply.error.code] =
              (outcomes[reply.ok ? 'ok' : reply.error.code] ?? 0) + 1;
            if (reply.ok) return;
            expect(reply.error.code).not.toBe('INTERNAL');
            expect(typeof reply.error.message).toBe('string');
            if (fn === 'admin' && caller !== ADMIN) {
              expect(reply.error.code).toBe(caller === null ? 'UNAUTHENTICATED' : 'FORBIDDEN');
            }
            expect(await fingerprint()).toBe(before);
          },
        ),
        { numRuns: Math.max(60, actions.length * 15), seed: 20261127 },
      );
    },
    60_000,
  );

  it('refuses a __proto__ key anywhere in the input of every action with VALIDATION, and writes nothing', async () => {
    const poisoned = [
      '{"__proto__": {"isAdmin": true}}',
      '{"config": {"__proto__": {"levels": 9}}}',
      '{"items": [{"productId": "p", "quantity": 1, "__proto__": {"priceFen": 1}}]}',
    ];
    const before = await fingerprint();
    for (const { fn, actions } of functions) {
      for (const action of actions) {
        for (const text of poisoned) {
          const reply: any = await mall.call(
            fn,
            action,
            JSON.parse(text),
            fn === 'admin' ? ADMIN : 'rb-distributor',
          );
          expect([fn, action, reply.ok, reply.error?.code]).toEqual([fn, action, false, 'VALIDATION']);
          expect(reply.error.message).toContain('__proto__');
        }
      }
    }
    expect(await fingerprint()).toBe(before);
  }, 60_000);

  it('payNotify answers arbitrary events without crashing and changes no order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('outTradeNo', 'totalFee', 'resultCode', 'returnCode', 'transactionId'),
          value,
        ),
        async (event) => {
          const before = await fingerprint();
          const reply: any = await mall.cloud.call('payNotify', event);
          expect(reply).toEqual(expect.objectContaining({ errcode: expect.any(Number) }));
          const after = JSON.parse(await fingerprint());
          expect(after.ledger).toEqual(JSON.parse(before).ledger);
        },
      ),
      { numRuns: 30, seed: 20261127 },
    );
  });

  it('met successes as well as every kind of refusal on the way (the checks above were not vacuous)', () => {
    expect(outcomes.ok).toBeGreaterThan(20);
    for (const code of ['VALIDATION', 'FORBIDDEN', 'UNAUTHENTICATED'])
      expect(outcomes[code]).toBeGreaterThan(20);
  });

  it('settle refuses everyone but an admin or its timer', async () => {
    expect((await mall.call('settle', 'run', {}, 'rb-buyer')).ok).toBe(false);
    expect(await mall.refused('settle', 'run', {}, 'rb-buyer')).toBe('FORBIDDEN');
    expect(await mall.refused('settle', 'run', {}, null)).toBe('UNAUTHENTICATED');
  });
});
