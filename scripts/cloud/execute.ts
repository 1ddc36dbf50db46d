/**
 * Reading an environment's state and carrying out a plan, through the SDK surface (surface.ts). The
 * planners (database-plan.ts, functions-plan.ts) decide; this file only translates.
 */
import type { DatabaseState, DatabaseStep, IndexState } from './database-plan';
import type { AccessState, FunctionState, FunctionStep, FunctionsState } from './functions-plan';
import { CLOUD_RUNTIME, type IndexSpec, type TriggerSpec } from './manifest';
import type { CloudCreateIndex, CloudFunctionConfig, CloudSurface } from './surface';

const PAGE = 100;

/** A collection's simple permission (AclTag: READONLY, PRIVATE, ADMINWRITE, ADMINONLY; CUSTOM for rules). */
async function readPermission(sdk: CloudSurface, envId: string, collection: string): Promise<string | null> {
  const answer = (await sdk
    .commonService()
    .call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: collection } })) as {
    AclTag?: string;
  };
  return answer?.AclTag ?? null;
}

export async function readDatabaseState(sdk: CloudSurface, envId: string): Promise<DatabaseState> {
  const names: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await sdk.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset });
    names.push(...page.Collections.map((c) => c.CollectionName));
    if (page.Collections.length < PAGE || names.length >= page.Pager.Total) break;
  }
  const state: DatabaseState = new Map();
  for (const name of names) {
    const described = await sdk.database.describeCollection(name);
    const indexes: IndexState[] = (described.Indexes ?? []).map((i) => ({
      name: i.Name,
      keys: i.Keys.map((k): [string, number] => [k.Name ?? '', Number(k.Direction)]),
      unique: i.Unique === true,
    }));
    state.set(name, { indexes, permission: await readPermission(sdk, envId, name) });
  }
  return state;
}

export function toCreateIndex(index: IndexSpec): CloudCreateIndex {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: index.keys.map(([Name, direction]) => ({ Name, Direction: String(direction) })),
      MgoIsUnique: index.unique,
    },
  };
}

/** Runs the steps in order; a manual step is not a call (the caller prints it). */
export async function executeDatabase(
  sdk: CloudSurface,
  envId: string,
  steps: DatabaseStep[],
): Promise<void> {
  for (const step of steps) {
    switch (step.kind) {
      case 'createCollection':
        await sdk.database.createCollection(step.collection);
        break;
      case 'createIndex':
        await sdk.database.updateCollection(step.collection, { CreateIndexes: [toCreateIndex(step.index)] });
        break;
      case 'replaceIndex':
        // Two calls: one UpdateTable dropping and creating the same name is not documented to be ordered.
        await sdk.database.updateCollection(step.collection, {
          DropIndexes: [{ IndexName: step.found.name }],
        });
        await sdk.database.updateCollection(step.collection, { CreateIndexes: [toCreateIndex(step.index)] });
        break;
      case 'manualIndex':
        break;
      case 'setPermission':
        await sdk.commonService().call({
          Action: 'ModifyDatabaseACL',
          Param: { EnvId: envId, CollectionName: step.collection, AclTag: step.to },
        });
        break;
    }
  }
}

/** A timer trigger's config as SCF reports it: the cron itself or `{"cron": …}`. */
export function triggerCron(desc: string): string {
  try {
    const parsed = JSON.parse(desc) as { cron?: unknown };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron;
  } catch {
    // a plain cron expression
  }
  return desc;
}

export async function readFunctionsState(sdk: CloudSurface, names: string[]): Promise<FunctionsState> {
  const deployed = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await sdk.functions.getFunctionList(PAGE, offset);
    for (const f of page.Functions) deployed.add(f.FunctionName);
    if (page.Functions.length < PAGE || offset + PAGE >= page.TotalCount) break;
  }
  const state: FunctionsState = new Map();
  for (const name of deployed) {
    if (!names.includes(name)) {
      state.set(name, { timeout: 0, memorySize: 0, runtime: '', env: {}, triggers: [] });
      continue;
    }
    const detail = await sdk.functions.getFunctionDetail(name);
    const fn: FunctionState = {
      timeout: detail.Timeout,
      memorySize: detail.MemorySize,
      runtime: detail.Runtime,
      env: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
      triggers: (detail.Triggers ?? []).map((t): TriggerSpec => ({
        name: t.TriggerName,
        type: t.Type,
        config: triggerCron(t.TriggerDesc),
      })),
    };
    state.set(name, fn);
  }
  return state;
}

/** HTTP access paths and the default domain; an environment without the service answers none. */
export async function readAccessState(sdk: CloudSurface): Promise<AccessState> {
  const paths = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await sdk.access.getAccessList({ limit: PAGE, offset });
    for (const api of page.APISet ?? []) paths.set(api.Path, api.Name);
    if ((page.APISet ?? []).length < PAGE || offset + PAGE >= page.Total) break;
  }
  const { DefaultDomain } = await sdk.access.getDomainList();
  return { paths, domain: DefaultDomain || null };
}

function functionConfig(step: {
  name: string;
  config: { timeout: number; memorySize: number; env: Record<string, string> };
}): CloudFunctionConfig {
  return {
    name: step.name,
    timeout: step.config.timeout,
    memorySize: step.config.memorySize,
    runtime: CLOUD_RUNTIME,
    handler: 'index.main',
    installDependency: true,
    envVariables: step.config.env,
  };
}

/** `functionRoot` is build/functions: each function's folder is uploaded as the build wrote it. */
export async function executeFunctions(
  sdk: CloudSurface,
  steps: FunctionStep[],
  functionRoot: string,
): Promise<void> {
  for (const step of steps) {
    switch (step.kind) {
      case 'createFunction':
        await sdk.functions.createFunction({
          func: { ...functionConfig(step), triggers: step.triggers },
          functionRootPath: functionRoot,
          force: false,
        });
        break;
      case 'updateCode':
        await sdk.functions.updateFunctionCode({
          func: { name: step.name, installDependency: true },
          functionRootPath: functionRoot,
        });
        break;
      case 'updateConfig':
        await sdk.functions.updateFunctionConfig(functionConfig(step));
        break;
      case 'createHttpAccess':
        await sdk.access.createAccess({ name: step.name, path: step.path, auth: false });
        break;
      case 'createTrigger':
        if (step.replaces) await sdk.functions.deleteFunctionTrigger(step.name, step.replaces.name);
        await sdk.functions.createFunctionTriggers(step.name, [step.trigger]);
        break;
    }
  }
}
