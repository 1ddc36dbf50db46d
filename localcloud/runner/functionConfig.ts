/**
 * What a built function folder holds besides its bundle, and how it is read – the contract between the
 * build (scripts/build.ts writes it) and the runner (reads it on every call):
 *
 * - `config.json`: WeChat's own file – openapi permissions and at most one timer trigger. WeChat DevTools
 *   takes nothing else there (NOTES.md §7.2), so the schema is strict.
 * - `runtime.json`: `{ timeout, memorySize }`, what the deployment gives the function (the CloudBase CLI's
 *   cloudbaserc.json fields). Where a value is not declared CloudBase's default applies: 3 s and 256 MB
 *   (NOTES.md §7.2, NOTES.md §7.3).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseCron } from '../timers/cron';

/** The openapi calls that functions may be granted (CloudBase refuses calls not listed in config.json). */
export const OPENAPI_NAMES = [
  'wxacode.getUnlimited',
  'wxacode.get',
  'wxacode.createQRCode',
  'subscribeMessage.send',
  'security.msgSecCheck',
  'security.imgSecCheck',
] as const;

const triggerSchema = z.object({
  name: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_-]{0,59}$/,
      'trigger name: a letter, then letters, digits, - or _, at most 60',
    ),
  type: z.literal('timer'),
  config: z.string().superRefine((value, ctx) => {
    try {
      parseCron(value);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  }),
});

export const functionConfigSchema = z
  .object({
    permissions: z.object({ openapi: z.array(z.enum(OPENAPI_NAMES)) }).strict(),
    // CloudBase accepts one trigger per function.
    triggers: z.array(triggerSchema).max(1).optional(),
  })
  .strict();

export type FunctionConfig = z.infer<typeof functionConfigSchema>;

/** CloudBase's values where a function's deployment sets none (NOTES.md §7.2, NOTES.md §7.3). */
export const RUNTIME_DEFAULTS = { timeout: 3, memorySize: 256 } as const;

/**
 * One function's declared runtime. The ranges are the CloudBase CLI's (cloudbaserc.json: timeout 1–60 s,
 * memory 128–2048 MB in steps), the narrower of the deploy paths.
 */
export const functionRuntimeSchema = z
  .object({
    timeout: z.number().int().min(1).max(60).optional(),
    memorySize: z
      .union([z.literal(128), z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)])
      .optional(),
  })
  .strict();

export type FunctionRuntimeDeclaration = z.infer<typeof functionRuntimeSchema>;

/** Timeout (seconds) and memory (MB) a function runs with. */
export interface FunctionRuntime {
  timeout: number;
  memorySize: number;
}

export function resolveRuntime(declared: FunctionRuntimeDeclaration = {}): FunctionRuntime {
  return {
    timeout: declared.timeout ?? RUNTIME_DEFAULTS.timeout,
    memorySize: declared.memorySize ?? RUNTIME_DEFAULTS.memorySize,
  };
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

export function parseFunctionConfig(value: unknown, where: string): FunctionConfig {
  const parsed = functionConfigSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${where}: ${issuesOf(parsed.error)}`);
  return parsed.data;
}

export function parseFunctionRuntime(value: unknown, where: string): FunctionRuntimeDeclaration {
  const parsed = functionRuntimeSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${where}: ${issuesOf(parsed.error)}`);
  return parsed.data;
}

/** `<dir>/config.json`, validated. */
export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  return parseFunctionConfig(readJson(file), file);
}

/** A built folder's config.json; none means no permissions and no trigger, as on CloudBase. */
export function readBuiltConfig(dir: string): FunctionConfig {
  if (!fs.existsSync(path.join(dir, 'config.json'))) return { permissions: { openapi: [] } };
  return readFunctionConfig(dir);
}

/** A built folder's runtime.json with CloudBase's defaults for what it does not say (or when absent). */
export function readBuiltRuntime(dir: string): FunctionRuntime {
  const file = path.join(dir, 'runtime.json');
  if (!fs.existsSync(file)) return resolveRuntime();
  return resolveRuntime(parseFunctionRuntime(readJson(file), file));
}
