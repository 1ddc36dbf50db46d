/**
 * What a cloud function folder must look like, read by the build, the local runtime and the tests:
 * `cloudfunctions/<name>/index.ts` plus a WeChat `config.json` (openapi permissions and timer triggers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseCron } from '../localcloud/timers/cron';

export const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_SRC = path.join(ROOT, 'cloudfunctions');
export const FUNCTIONS_OUT = path.join(ROOT, 'build', 'functions');

/** Folders under cloudfunctions/ that are shared code, not functions. */
const NOT_FUNCTIONS = new Set(['common']);

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

/** Runtime settings that WeChat's config.json cannot hold; they go to cloudbaserc.json and the local runner. */
export const FUNCTION_RUNTIME: Record<string, { timeoutSec: number }> = {
  settle: { timeoutSec: 60 },
};
export const DEFAULT_TIMEOUT_SEC = 20;

export function timeoutOf(name: string): number {
  return FUNCTION_RUNTIME[name]?.timeoutSec ?? DEFAULT_TIMEOUT_SEC;
}

export function listFunctions(): string[] {
  return fs
    .readdirSync(FUNCTIONS_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_FUNCTIONS.has(d.name))
    .map((d) => d.name)
    .sort();
}

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  const parsed = functionConfigSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file}: ${issues}`);
  }
  return parsed.data;
}
