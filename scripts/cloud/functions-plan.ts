/**
 * The functions half of the set-up as a pure function: deployed functions + their declarations → steps.
 *
 * - a missing function is created with its code, timeout, memory, variables and trigger in one step;
 * - code is uploaded again only when the built bundle differs from the one deployed, which the function
 *   carries as the variable DEPLOYED_BUNDLE_SHA256 (CloudBase does not return code hashes);
 * - timeout, memory and variables are set when they differ. Variables are MERGED: a declared variable the
 *   set-up was not given keeps its deployed value (set in the console, say), so a run from a machine
 *   without the merchant's values never wipes them; one neither given nor deployed is reported;
 * - a declared timer trigger missing or different is (re)created; a trigger nobody declares is reported.
 */
import { BUNDLE_HASH_VAR, CLOUD_RUNTIME, type FunctionSpec, HTTP_ACCESS, type TriggerSpec } from './manifest';

export interface FunctionState {
  timeout: number;
  memorySize: number;
  runtime: string;
  env: Record<string, string>;
  triggers: TriggerSpec[];
}

/** Function name → what is deployed; a function not deployed is absent. */
export type FunctionsState = Map<string, FunctionState>;

/** The environment's HTTP access: path → function, and its default domain (null when not known). */
export interface AccessState {
  paths: Map<string, string>;
  domain: string | null;
}

export interface FunctionConfigTarget {
  timeout: number;
  memorySize: number;
  env: Record<string, string>;
}

export type FunctionStep =
  | { kind: 'createFunction'; name: string; config: FunctionConfigTarget; triggers: TriggerSpec[] }
  | { kind: 'updateCode'; name: string }
  | { kind: 'updateConfig'; name: string; config: FunctionConfigTarget; changes: string[] }
  | { kind: 'createTrigger'; name: string; trigger: TriggerSpec; replaces: TriggerSpec | null }
  | { kind: 'createHttpAccess'; name: string; path: string };

export interface FunctionsPlan {
  steps: FunctionStep[];
  differences: string[];
}

const sameTrigger = (a: TriggerSpec, b: TriggerSpec) =>
  a.type === b.type && a.config.trim() === b.config.trim();

export function planFunctions(
  specs: FunctionSpec[],
  state: FunctionsState,
  access: AccessState = { paths: new Map(), domain: null },
): FunctionsPlan {
  const steps: FunctionStep[] = [];
  const differences: string[] = [];
  // A URL variable of an HTTP path: https://<default domain><path>, unless given or deployed already.
  const derived: Record<string, string> = {};
  if (access.domain) {
    for (const a of HTTP_ACCESS) derived[a.urlVariable] = `https://${access.domain}${a.path}`;
  }
  for (const spec of specs) {
    if (!spec.bundleHash) throw new Error(`build/functions/${spec.name} is missing: run npm run build first`);
    const deployed = state.get(spec.name);
    const env: Record<string, string> = { ...(deployed?.env ?? {}) };
    for (const [key, value] of Object.entries(spec.env)) {
      if (value !== null) env[key] = value;
      else if (env[key] === undefined && derived[key]) env[key] = derived[key];
      else if (env[key] === undefined && !spec.optional.includes(key)) {
        differences.push(
          `${spec.name}: ${key} is not set (give it to the set-up run or set it in the console)`,
        );
      }
    }
    env[BUNDLE_HASH_VAR] = spec.bundleHash;
    const config = { timeout: spec.timeout, memorySize: spec.memorySize, env };
    if (!deployed) {
      steps.push({ kind: 'createFunction', name: spec.name, config, triggers: spec.triggers });
      continue;
    }
    if (deployed.env[BUNDLE_HASH_VAR] !== spec.bundleHash)
      steps.push({ kind: 'updateCode', name: spec.name });
    const changes: string[] = [];
    if (deployed.timeout !== spec.timeout) changes.push(`timeout ${deployed.timeout} s → ${spec.timeout} s`);
    if (deployed.memorySize !== spec.memorySize) {
      changes.push(`memory ${deployed.memorySize} MB → ${spec.memorySize} MB`);
    }
    for (const key of Object.keys(env).sort()) {
      if (deployed.env[key] !== env[key])
        changes.push(`${key} ${deployed.env[key] === undefined ? 'added' : 'changed'}`);
    }
    if (changes.length > 0) steps.push({ kind: 'updateConfig', name: spec.name, config, changes });
    if (deployed.runtime && deployed.runtime !== CLOUD_RUNTIME) {
      differences.push(
        `${spec.name}: runtime ${deployed.runtime}, the bundles target ${CLOUD_RUNTIME} (a runtime is chosen at creation: delete and re-create the function to change it)`,
      );
    }
    for (const trigger of spec.triggers) {
      const existing = deployed.triggers.find((t) => t.name === trigger.name) ?? null;
      if (!existing || !sameTrigger(existing, trigger)) {
        steps.push({ kind: 'createTrigger', name: spec.name, trigger, replaces: existing });
      }
    }
    for (const extra of deployed.triggers) {
      if (!spec.triggers.some((t) => t.name === extra.name)) {
        differences.push(
          `${spec.name}: trigger ${extra.name} (${extra.config}) is not declared (left alone)`,
        );
      }
    }
  }
  for (const name of state.keys()) {
    if (!specs.some((s) => s.name === name))
      differences.push(`function ${name}: not in this repository (left alone)`);
  }
  for (const a of HTTP_ACCESS) {
    const bound = access.paths.get(a.path);
    if (!bound) steps.push({ kind: 'createHttpAccess', name: a.name, path: a.path });
    else if (bound !== a.name) {
      differences.push(`HTTP path ${a.path} leads to ${bound}, not ${a.name} (left alone)`);
    }
  }
  return { steps, differences };
}

/** Variable values are never printed: they may be OPENIDs or merchant numbers. */
export function describeFunctionStep(step: FunctionStep): string {
  switch (step.kind) {
    case 'createFunction':
      return (
        `create function ${step.name}: ${step.config.timeout} s, ${step.config.memorySize} MB, ${CLOUD_RUNTIME}, ` +
        `variables ${Object.keys(step.config.env).sort().join(', ')}` +
        (step.triggers.length
          ? `, trigger ${step.triggers.map((t) => `${t.name} ${t.config}`).join(', ')}`
          : '')
      );
    case 'updateCode':
      return `upload code of ${step.name} (bundle changed; dependencies installed in the cloud)`;
    case 'updateConfig':
      return `configure ${step.name}: ${step.changes.join('; ')}`;
    case 'createHttpAccess':
      return `create HTTP access ${step.path} → ${step.name} (no CloudBase auth: the function verifies WeChat Pay's signature)`;
    case 'createTrigger':
      return `${step.replaces ? 'replace' : 'create'} trigger ${step.name}.${step.trigger.name} ${step.trigger.type} ${step.trigger.config}`;
  }
}
