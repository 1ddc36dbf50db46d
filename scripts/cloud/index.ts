/**
 * `npm run setup:cloud [-- --dry-run] [--only database|functions]`: from a clone (after `npm run build`)
 * to a configured CloudBase environment. Reads what the environment has, plans (database-plan.ts,
 * functions-plan.ts), prints every step, and – unless --dry-run – carries them out with
 * @cloudbase/manager-node, CloudBase's own management SDK. A second run plans nothing.
 *
 * Credentials and target come from the environment only, never from a file in the repository:
 *   TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (a CAM key allowed to manage the environment;
 *   TENCENTCLOUD_SESSIONTOKEN for temporary keys), ENV_ID.
 * The functions' variables (ADMIN_OPENIDS, WXPAY_SUB_MCH_ID, …: manifest.ts FUNCTION_ENV) are taken from
 * the same environment when given.
 *
 * Exit code: 0 when the environment matches (or the dry run printed its plan), 2 when a manual step is
 * left (a sparse index the API cannot create), 1 on failure.
 */
import CloudBase from '@cloudbase/manager-node';
import { FUNCTIONS_OUT } from '../function-config';
import { describeDatabaseStep, planDatabase } from './database-plan';
import {
  executeDatabase,
  executeFunctions,
  readAccessState,
  readDatabaseState,
  readFunctionsState,
} from './execute';
import { describeFunctionStep, planFunctions } from './functions-plan';
import { readCollections, readFunctions } from './manifest';
import type { CloudSurface } from './surface';

export interface SetupOptions {
  /** The environment (ENV_ID): the database ACL actions name it. */
  envId: string;
  dryRun: boolean;
  only: 'database' | 'functions' | null;
  functionRoot: string;
  log: (line: string) => void;
  environment: NodeJS.ProcessEnv;
}

export interface SetupResult {
  steps: number;
  manual: number;
  differences: string[];
}

/** Everything but the SDK's creation and the process: what the tests drive with a fake. */
export async function setupCloud(sdk: CloudSurface, options: SetupOptions): Promise<SetupResult> {
  const { log } = options;
  const mode = options.dryRun ? 'DRY RUN – nothing is changed' : 'applying';
  log(`[setup:cloud] ${mode}`);
  let steps = 0;
  let manual = 0;
  const differences: string[] = [];
  if (options.only !== 'functions') {
    const plan = planDatabase(readCollections(), await readDatabaseState(sdk, options.envId));
    log(`[setup:cloud] database: ${plan.steps.length} step(s)`);
    for (const step of plan.steps) log(`  ${describeDatabaseStep(step)}`);
    if (!options.dryRun) await executeDatabase(sdk, options.envId, plan.steps);
    steps += plan.steps.length;
    manual += plan.steps.filter((s) => s.kind === 'manualIndex').length;
    differences.push(...plan.differences);
  }
  if (options.only !== 'database') {
    const specs = readFunctions(options.environment, options.functionRoot);
    const plan = planFunctions(
      specs,
      await readFunctionsState(
        sdk,
        specs.map((s) => s.name),
      ),
      await readAccessState(sdk),
    );
    log(`[setup:cloud] functions: ${plan.steps.length} step(s)`);
    for (const step of plan.steps) log(`  ${describeFunctionStep(step)}`);
    if (!options.dryRun) await executeFunctions(sdk, plan.steps, options.functionRoot);
    steps += plan.steps.length;
    differences.push(...plan.differences);
  }
  if (differences.length > 0) {
    log('[setup:cloud] differences from the manifest, not changed:');
    for (const d of differences) log(`  - ${d}`);
  }
  if (manual > 0) {
    log(
      `[setup:cloud] !! ${manual} MANUAL step(s) above (marked !!): the environment is not ready until they are done`,
    );
  }
  log(`[setup:cloud] ${options.dryRun ? 'planned' : 'done'}: ${steps} step(s)`);
  return { steps, manual, differences };
}

export function parseArgs(argv: string[]): Pick<SetupOptions, 'dryRun' | 'only'> {
  let dryRun = false;
  let only: SetupOptions['only'] = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--only' && (argv[i + 1] === 'database' || argv[i + 1] === 'functions')) {
      only = argv[++i] as 'database' | 'functions';
    } else throw new Error(`unknown argument ${arg} (use --dry-run, --only database|functions)`);
  }
  return { dryRun, only };
}

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is not set (see README, Deploy)`);
  return value;
}

/** An environment with nothing in it: what a dry run without credentials plans against. */
export const EMPTY_ENVIRONMENT: CloudSurface = (() => {
  const refuse = async (): Promise<never> => {
    throw new Error('no environment: this is a dry run without credentials');
  };
  return {
    database: {
      listCollections: async () => ({ Collections: [], Pager: { Total: 0 } }),
      describeCollection: refuse,
      createCollection: refuse,
      updateCollection: refuse,
    },
    commonService: () => ({ call: refuse }),
    access: {
      getAccessList: async () => ({ APISet: [], Total: 0 }),
      createAccess: refuse,
      getDomainList: async () => ({ DefaultDomain: '' }),
    },
    functions: {
      getFunctionList: async () => ({ Functions: [], TotalCount: 0 }),
      getFunctionDetail: refuse,
      createFunction: refuse,
      updateFunctionCode: refuse,
      updateFunctionConfig: refuse,
      createFunctionTriggers: refuse,
      deleteFunctionTrigger: refuse,
    },
  };
})();

function connect(): CloudSurface {
  const manager = new CloudBase({
    secretId: required('TENCENTCLOUD_SECRETID'),
    secretKey: required('TENCENTCLOUD_SECRETKEY'),
    token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined,
    envId: required('ENV_ID'),
  });
  // The compile-time proof that the real SDK has the surface the fake of the tests imitates.
  const sdk: CloudSurface = manager;
  return sdk;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const hasCredentials = Boolean(process.env.TENCENTCLOUD_SECRETID && process.env.TENCENTCLOUD_SECRETKEY);
  if (args.dryRun && !hasCredentials) {
    process.stdout.write('[setup:cloud] no credentials: planning against an EMPTY environment\n');
  }
  const sdk = args.dryRun && !hasCredentials ? EMPTY_ENVIRONMENT : connect();
  const result = await setupCloud(sdk, {
    ...args,
    envId: process.env.ENV_ID?.trim() || 'no-environment',
    functionRoot: FUNCTIONS_OUT,
    log: (line) => process.stdout.write(`${line}\n`),
    environment: process.env,
  });
  process.exitCode = result.manual > 0 ? 2 : 0;
}

if (require.main === module) {
  main().catch((error) => {
    console.error('[setup:cloud] failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
