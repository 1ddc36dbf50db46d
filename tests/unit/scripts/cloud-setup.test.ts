/**
 * `npm run setup:cloud`: the plans it computes (pure), and the calls it makes against a recorded fake of
 * the @cloudbase/manager-node surface it uses (scripts/cloud/surface.ts). The fake keeps state the way
 * CloudBase would, so "a second run changes nothing" is checked on what the first run left.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planDatabase, describeDatabaseStep, type DatabaseState } from '../../../scripts/cloud/database-plan';
import { type AccessState, planFunctions, type FunctionsState } from '../../../scripts/cloud/functions-plan';
import { setupCloud, parseArgs } from '../../../scripts/cloud/index';
import { triggerCron } from '../../../scripts/cloud/execute';
import {
  BUNDLE_HASH_VAR,
  type CollectionSpec,
  type FunctionSpec,
  readCollections,
  envNamesOf,
} from '../../../scripts/cloud/manifest';
import type { CloudSurface, CloudFunctionConfig } from '../../../scripts/cloud/surface';
import { listFunctions } from '../../../scripts/function-config';

interface FakeFunction {
  Timeout: number;
  MemorySize: number;
  Runtime: string;
  Variables: Record<string, string>;
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[];
  code: string;
}

/** The SDK surface over an in-memory environment; every mutating call is recorded. */
function fakeCloud() {
  const collections = new Map<
    string,
    { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[]
  >();
  const permissions = new Map<string, string>();
  const functions = new Map<string, FakeFunction>();
  const access = new Map<string, string>();
  const calls: string[] = [];
  let functionRoot = '';
  const readCode = (name: string) => fs.readFileSync(path.join(functionRoot, name, 'index.js'), 'utf8');
  const applyConfig = (fn: FakeFunction, func: CloudFunctionConfig) => {
    if (func.timeout !== undefined) fn.Timeout = func.timeout;
    if (func.memorySize !== undefined) fn.MemorySize = func.memorySize;
    // UpdateFunctionConfiguration replaces the whole variable list (manager-node sends Environment.Variables).
    if (func.envVariables) fn.Variables = { ...func.envVariables };
  };
  const sdk: CloudSurface = {
    database: {
      async listCollections(options) {
        const names = [...collections.keys()];
        const offset = options?.MgoOffset ?? 0;
        const page = names.slice(offset, offset + (options?.MgoLimit ?? 100));
        return {
          Collections: page.map((CollectionName) => ({ CollectionName })),
          Pager: { Total: names.length },
        };
      },
      async describeCollection(name) {
        const indexes = collections.get(name);
        if (!indexes) throw new Error(`ResourceNotFound ${name}`);
        return {
          Indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }, ...indexes],
        };
      },
      async createCollection(name) {
        calls.push(`createCollection ${name}`);
        if (collections.has(name)) throw new Error('ResourceInUse');
        collections.set(name, []);
      },
      async updateCollection(name, info) {
        calls.push(`updateCollection ${name} ${JSON.stringify(info)}`);
        const indexes = collections.get(name)!;
        for (const drop of info.DropIndexes ?? [])
          indexes.splice(
            indexes.findIndex((i) => i.Name === drop.IndexName),
            1,
          );
        for (const create of info.CreateIndexes ?? []) {
          if (indexes.some((i) => i.Name === create.IndexName)) throw new Error('index exists');
          indexes.push({
            Name: create.IndexName,
            Keys: create.MgoKeySchema.MgoIndexKeys,
            Unique: create.MgoKeySchema.MgoIsUnique,
          });
        }
      },
    },
    // The two ACL actions setup:cloud calls through commonService (a new collection is PRIVATE).
    commonService: () => ({
      async call({ Action, Param }) {
        const collection = String(Param.CollectionName);
        if (Param.EnvId !== 'env-1') throw new Error(`wrong EnvId ${String(Param.EnvId)}`);
        if (!collections.has(collection)) throw new Error(`ResourceNotFound ${collection}`);
        if (Action === 'DescribeDatabaseACL') return { AclTag: permissions.get(collection) ?? 'PRIVATE' };
        if (Action === 'ModifyDatabaseACL') {
          calls.push(`ModifyDatabaseACL ${collection} ${String(Param.AclTag)}`);
          permissions.set(collection, String(Param.AclTag));
          return {};
        }
        throw new Error(`unexpected action ${Action}`);
      },
    }),
    access: {
      async getAccessList(options) {
        const all = [...access].map(([Path, Name]) => ({ Path, Name }));
        const offset = options?.offset ?? 0;
        return { APISet: all.slice(offset, offset + (options?.limit ?? 20)), Total: all.length };
      },
      async createAccess({ path: p, name, auth }) {
        calls.push(`createAccess ${p} ${name} auth=${auth}`);
        if (!functions.has(name)) throw new Error(`no function ${name}`);
        access.set(p, name);
      },
      async getDomainList() {
        return { DefaultDomain: 'env-1.service.tcloudbase.com' };
      },
    },
    functions: {
      async getFunctionList(limit = 20, offset = 0) {
        const names = [...functions.keys()];
        return {
          Functions: names.slice(offset, offset + limit).map((FunctionName) => ({ FunctionName })),
          TotalCount: names.length,
        };
      },
      async getFunctionDetail(name) {
        const fn = functions.get(name)!;
        return {
          Timeout: fn.Timeout,
          MemorySize: fn.MemorySize,
          Runtime: fn.Runtime,
          Environment: { Variables: Object.entries(fn.Variables).map(([Key, Value]) => ({ Key, Value })) },
          Triggers: fn.Triggers,
        };
      },
      async createFunction({ func, functionRootPath }) {
        calls.push(
          `createFunction ${func.name} ${func.timeout}s ${func.memorySize}MB ${func.runtime} ${func.handler}`,
        );
        functionRoot = functionRootPath;
        const fn: FakeFunction = {
          Timeout: 3,
          MemorySize: 256,
          Runtime: func.runtime!,
          Variables: {},
          Triggers: [],
          code: '',
        };
        applyConfig(fn, func);
        fn.code = readCode(func.name);
        fn.Triggers = (func.triggers ?? []).map((t) => ({
          TriggerName: t.name,
          Type: t.type,
          TriggerDesc: JSON.stringify({ cron: t.config }),
        }));
        functions.set(func.name, fn);
      },
      async updateFunctionCode({ func, functionRootPath }) {
        calls.push(`updateFunctionCode ${func.name}`);
        functionRoot = functionRootPath;
        functions.get(func.name)!.code = readCode(func.name);
      },
      async updateFunctionConfig(func) {
        calls.push(`updateFunctionConfig ${func.name} ${func.timeout}s ${func.memorySize}MB`);
        applyConfig(functions.get(func.name)!, func);
      },
      async createFunctionTriggers(name, triggers) {
        calls.push(
          `createFunctionTriggers ${name} ${triggers.map((t) => `${t.name}=${t.config}`).join(',')}`,
        );
        const fn = functions.get(name)!;
        for (const t of triggers)
          fn.Triggers.push({ TriggerName: t.name, Type: t.type, TriggerDesc: t.config });
      },
      async deleteFunctionTrigger(name, triggerName) {
        calls.push(`deleteFunctionTrigger ${name} ${triggerName}`);
        const fn = functions.get(name)!;
        fn.Triggers = fn.Triggers.filter((t) => t.TriggerName !== triggerName);
      },
    },
  };
  return { sdk, calls, collections, permissions, functions, access };
}

/** build/functions as the build writes it, but tiny: a folder per function. */
function fakeBuild(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-cloud-'));
  for (const name of listFunctions()) {
    fs.mkdirSync(path.join(root, name));
    fs.writeFileSync(path.join(root, name, 'index.js'), `exports.main = () => '${name}';\n`);
    fs.writeFileSync(path.join(root, name, 'package.json'), '{}\n');
  }
  return root;
}

const users: CollectionSpec = {
  name: 'users',
  indexes: [
    { name: 'openid_unique', keys: [['openid', 1]], unique: true, sparse: false },
    { name: 'inviteCode_unique', keys: [['inviteCode', 1]], unique: true, sparse: true },
    {
      name: 'inviter',
      keys: [
        ['inviterId', 1],
        ['boundAt', -1],
      ],
      unique: false,
      sparse: false,
    },
  ],
};

describe('planDatabase', () => {
  it('creates a missing collection, its indexes and its rule; a sparse index is a loud manual step', () => {
    const plan = planDatabase([users], new Map());
    expect(plan.steps.map((s) => `${s.kind} ${'index' in s ? s.index.name : s.collection}`)).toEqual([
      'createCollection users',
      'createIndex openid_unique',
      'manualIndex inviteCode_unique',
      'createIndex inviter',
      'setPermission users',
    ]);
    const manual = describeDatabaseStep(plan.steps[2]);
    expect(manual).toMatch(/^!! MANUAL/);
    expect(manual).toContain('sparse');
    expect(manual).toContain('稀疏');
  });

  it('plans nothing for a matching collection and reports what it cannot verify or was not asked for', () => {
    const state: DatabaseState = new Map([
      [
        'users',
        {
          permission: 'ADMINONLY',
          indexes: [
            { name: '_id_', keys: [['_id', 1]], unique: true },
            { name: 'openid_unique', keys: [['openid', 1]], unique: true },
            { name: 'inviteCode_unique', keys: [['inviteCode', 1]], unique: true },
            {
              name: 'inviter',
              keys: [
                ['inviterId', 1],
                ['boundAt', -1],
              ],
              unique: false,
            },
            { name: 'byHand', keys: [['nickname', 1]], unique: false },
          ],
        },
      ],
      ['scratch', { permission: 'PRIVATE', indexes: [] }],
    ]);
    const plan = planDatabase([users], state);
    expect(plan.steps).toEqual([]);
    expect(plan.differences).toEqual([
      expect.stringContaining('users.inviteCode_unique: present, but whether it is sparse cannot be read'),
      'users.byHand { nickname:1 }: not in the manifest (left alone)',
      'collection scratch: not in the manifest (left alone)',
    ]);
  });

  it('replaces an index whose keys, direction or uniqueness differ, and fixes a readable rule', () => {
    const state: DatabaseState = new Map([
      [
        'users',
        {
          permission: 'READONLY',
          indexes: [
            { name: 'openid_unique', keys: [['openid', 1]], unique: false },
            {
              name: 'inviter',
              keys: [
                ['inviterId', 1],
                ['boundAt', 1],
              ],
              unique: false,
            },
          ],
        },
      ],
    ]);
    const steps = planDatabase([users], state).steps;
    expect(steps.map((s) => s.kind)).toEqual([
      'replaceIndex',
      'manualIndex',
      'replaceIndex',
      'setPermission',
    ]);
    expect(describeDatabaseStep(steps[3])).toBe(
      'set permission of users: READONLY → ADMINONLY (仅管理端可读写)',
    );
  });

  it('covers the whole manifest: every declared index is created or, when sparse, manual', () => {
    const manifest = readCollections();
    const steps = planDatabase(manifest, new Map()).steps;
    const declared = manifest.flatMap((c) => c.indexes);
    expect(steps.filter((s) => s.kind === 'createCollection')).toHaveLength(manifest.length);
    expect(steps.filter((s) => s.kind === 'setPermission')).toHaveLength(manifest.length);
    expect(steps.filter((s) => s.kind === 'createIndex')).toHaveLength(
      declared.filter((i) => !i.sparse).length,
    );
    expect(
      steps
        .filter((s) => s.kind === 'manualIndex')
        .map((s) => `${s.collection}.${'index' in s && s.index.name}`),
    ).toEqual(['users.inviteCode_unique', 'orders.outTradeNo_unique']);
  });
});

const settle: FunctionSpec = {
  name: 'settle',
  timeout: 60,
  memorySize: 256,
  triggers: [{ name: 'settleTimer', type: 'timer', config: '0 */10 * * * * *' }],
  env: { ADMIN_OPENIDS: 'o-admin', WXPAY_SUB_MCH_ID: null, SUBSCRIBE_TEMPLATE_COMMISSION: null },
  optional: ['SUBSCRIBE_TEMPLATE_COMMISSION'],
  bundleHash: 'h1',
};

/** transferNotify already reachable over HTTP, domain unknown. */
const BOUND: AccessState = { paths: new Map([['/transfer-notify', 'transferNotify']]), domain: null };

describe('planFunctions', () => {
  it('creates a missing function with everything declared, and names a variable nobody set', () => {
    const plan = planFunctions([settle], new Map(), BOUND);
    expect(plan.steps).toEqual([
      {
        kind: 'createFunction',
        name: 'settle',
        config: { timeout: 60, memorySize: 256, env: { ADMIN_OPENIDS: 'o-admin', [BUNDLE_HASH_VAR]: 'h1' } },
        triggers: settle.triggers,
      },
    ]);
    expect(plan.differences).toEqual([expect.stringContaining('settle: WXPAY_SUB_MCH_ID is not set')]);
  });

  it('keeps a deployed variable it was not given, uploads only a changed bundle, re-creates a changed trigger', () => {
    const state: FunctionsState = new Map([
      [
        'settle',
        {
          timeout: 3,
          memorySize: 256,
          runtime: 'Nodejs16.13',
          env: { WXPAY_SUB_MCH_ID: '1900000001', [BUNDLE_HASH_VAR]: 'h0', OTHER: 'x' },
          triggers: [{ name: 'settleTimer', type: 'timer', config: '0 0 * * * * *' }],
        },
      ],
    ]);
    const plan = planFunctions([settle], state, BOUND);
    expect(plan.steps.map((s) => s.kind)).toEqual(['updateCode', 'updateConfig', 'createTrigger']);
    const config = plan.steps[1];
    expect(config.kind === 'updateConfig' && config.config.env).toEqual({
      ADMIN_OPENIDS: 'o-admin',
      WXPAY_SUB_MCH_ID: '1900000001',
      OTHER: 'x',
      [BUNDLE_HASH_VAR]: 'h1',
    });
    expect(config.kind === 'updateConfig' && config.changes).toEqual([
      'timeout 3 s → 60 s',
      'ADMIN_OPENIDS added',
      `${BUNDLE_HASH_VAR} changed`,
    ]);
    expect(plan.differences).toEqual([]);
  });

  it('binds transferNotify to its HTTP path, and derives the notify URL only when none is given or deployed', () => {
    const notify: FunctionSpec = {
      ...settle,
      name: 'transferNotify',
      triggers: [],
      env: { WXPAY_TRANSFER_NOTIFY_URL: null },
    };
    const access: AccessState = {
      paths: new Map([['/other', 'admin']]),
      domain: 'env-1.service.tcloudbase.com',
    };
    const plan = planFunctions([notify], new Map(), access);
    expect(plan.steps.map((s) => s.kind)).toEqual(['createFunction', 'createHttpAccess']);
    expect(
      plan.steps[0].kind === 'createFunction' && plan.steps[0].config.env.WXPAY_TRANSFER_NOTIFY_URL,
    ).toBe('https://env-1.service.tcloudbase.com/transfer-notify');
    const deployed: FunctionsState = new Map([
      [
        'transferNotify',
        {
          timeout: 60,
          memorySize: 256,
          runtime: 'Nodejs16.13',
          env: {
            WXPAY_TRANSFER_NOTIFY_URL: 'https://pay.example.com/transfer-notify',
            [BUNDLE_HASH_VAR]: 'h1',
          },
          triggers: [],
        },
      ],
    ]);
    expect(planFunctions([notify], deployed, { ...access, paths: BOUND.paths }).steps).toEqual([]);
    const taken = planFunctions([notify], deployed, {
      paths: new Map([['/transfer-notify', 'admin']]),
      domain: null,
    });
    expect(taken.differences).toEqual([
      'HTTP path /transfer-notify leads to admin, not transferNotify (left alone)',
    ]);
  });

  it('refuses to plan without a build', () => {
    expect(() => planFunctions([{ ...settle, bundleHash: null }], new Map())).toThrow('npm run build');
  });

  it('reads a timer trigger as SCF reports it', () => {
    expect(triggerCron('{"cron":"0 */10 * * * * *"}')).toBe('0 */10 * * * * *');
    expect(triggerCron('0 */10 * * * * *')).toBe('0 */10 * * * * *');
  });
});

describe('setupCloud against a recorded fake of @cloudbase/manager-node', () => {
  const environment = { ADMIN_OPENIDS: 'o-admin', WXPAY_SUB_MCH_ID: '1900000001' };
  let root: string;
  beforeEach(() => {
    root = fakeBuild();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (sdk: CloudSurface, dryRun: boolean, env: NodeJS.ProcessEnv = environment) => {
    const lines: string[] = [];
    return setupCloud(sdk, {
      envId: 'env-1',
      dryRun,
      only: null,
      functionRoot: root,
      environment: env,
      log: (l) => lines.push(l),
    }).then((result) => ({ ...result, lines }));
  };

  it('a dry run prints every step and calls nothing that changes the environment', async () => {
    const fake = fakeCloud();
    const result = await run(fake.sdk, true);
    expect(fake.calls).toEqual([]);
    expect(result.lines[0]).toContain('DRY RUN');
    expect(result.lines.filter((l) => l.startsWith('  create collection'))).toHaveLength(
      readCollections().length,
    );
    expect(result.lines.some((l) => l.includes('!! MANUAL: index users.inviteCode_unique'))).toBe(true);
    expect(
      result.lines.some(
        (l) => l.includes('create function settle: 60 s, 256 MB') && l.includes('trigger settleTimer'),
      ),
    ).toBe(true);
    expect(result.lines.join('\n')).not.toContain('o-admin'); // values are never printed
  });

  it('sets up an empty environment with the calls the plan names, and a second run changes nothing', async () => {
    const fake = fakeCloud();
    const first = await run(fake.sdk, false);
    expect(first.manual).toBe(2);
    const manifest = readCollections();
    expect(fake.calls.filter((c) => c.startsWith('createCollection'))).toHaveLength(manifest.length);
    expect(fake.calls).toContain(
      'updateCollection users {"CreateIndexes":[{"IndexName":"openid_unique","MgoKeySchema":{"MgoIndexKeys":[{"Name":"openid","Direction":"1"}],"MgoIsUnique":true}}]}',
    );
    expect(fake.calls.some((c) => c.includes('inviteCode_unique'))).toBe(false); // never a non-sparse unique index
    expect(fake.calls).toContain('ModifyDatabaseACL users ADMINONLY');
    expect(fake.calls).toContain('createFunction settle 60s 256MB Nodejs16.13 index.main');
    expect(fake.calls).toContain('createFunction user 3s 256MB Nodejs16.13 index.main');
    const settleFn = fake.functions.get('settle')!;
    expect(settleFn.Triggers).toEqual([
      { TriggerName: 'settleTimer', Type: 'timer', TriggerDesc: '{"cron":"0 */10 * * * * *"}' },
    ]);
    expect(settleFn.Variables).toMatchObject(environment);
    // WeChat Pay reaches transferNotify over HTTP access; its URL becomes the notify URL.
    expect(fake.calls).toContain('createAccess /transfer-notify transferNotify auth=false');
    expect(fake.functions.get('transferNotify')!.Variables.WXPAY_TRANSFER_NOTIFY_URL).toBe(
      'https://env-1.service.tcloudbase.com/transfer-notify',
    );
    expect(fake.functions.get('user')!.Variables).toEqual({
      ADMIN_OPENIDS: 'o-admin',
      [BUNDLE_HASH_VAR]: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // The merchant creates the sparse indexes in the console, as the run asked.
    fake.collections
      .get('users')!
      .push({ Name: 'inviteCode_unique', Keys: [{ Name: 'inviteCode', Direction: '1' }], Unique: true });
    fake.collections
      .get('orders')!
      .push({ Name: 'outTradeNo_unique', Keys: [{ Name: 'outTradeNo', Direction: '1' }], Unique: true });
    const callsBefore = fake.calls.length;
    const second = await run(fake.sdk, false, {}); // also from a machine without the merchant's values
    expect(second.steps).toBe(0);
    expect(second.manual).toBe(0);
    expect(fake.calls.length).toBe(callsBefore);
    expect(second.differences.filter((d) => d.includes('sparse'))).toHaveLength(2);
    expect(settleFn.Variables).toMatchObject(environment);
  });

  it('uploads again only the function whose bundle changed, and restores a timeout changed in the console', async () => {
    const fake = fakeCloud();
    await run(fake.sdk, false);
    fs.appendFileSync(path.join(root, 'order', 'index.js'), '// changed\n');
    fake.functions.get('admin')!.Timeout = 3;
    const callsBefore = fake.calls.length;
    await run(fake.sdk, false);
    expect(fake.calls.slice(callsBefore)).toEqual([
      'updateFunctionConfig admin 20s 256MB',
      'updateFunctionCode order',
      'updateFunctionConfig order 10s 256MB',
    ]);
    expect(fake.functions.get('order')!.code).toContain('// changed');
  });
});

describe('declarations', () => {
  it('names the payment merchant on the functions that pay, and admins everywhere', () => {
    for (const fn of ['order', 'payNotify', 'settle', 'admin'])
      expect(envNamesOf(fn)).toContain('WXPAY_SUB_MCH_ID');
    for (const fn of listFunctions()) expect(envNamesOf(fn)).toContain('ADMIN_OPENIDS');
  });

  it('parses --dry-run and --only', () => {
    expect(parseArgs(['--dry-run', '--only', 'database'])).toEqual({ dryRun: true, only: 'database' });
    expect(() => parseArgs(['--force'])).toThrow('unknown argument');
  });
});
