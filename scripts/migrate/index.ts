/**
 * Migrates a store written by earlier versions of the functions to the current data model
 * (scripts/migrate/steps.ts says what each step does). Idempotent: run it again after an interruption.
 * Stop the functions first (no traffic while it runs).
 *
 *   npm run migrate -- --url http://127.0.0.1:3000/admin      the local CloudBase of `npm start`
 *   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run migrate -- --env <env-id>   a CloudBase environment
 */
import tcb from '@cloudbase/node-sdk';
import { migrateAll } from './steps';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const url = option('url');
  const env = option('env');
  if (!url && !env)
    throw new Error('say where: --url <local CloudBase /admin URL> or --env <environment id>');
  // Without it the SDK probes metadata.tencentyun.com on every call (localcloud/README.md).
  if (url) process.env.TENCENTCLOUD = 'true';
  const app = url
    ? tcb.init({ env: 'local', serviceUrl: url, secretId: 'local', secretKey: 'local' })
    : tcb.init({
        env,
        secretId: process.env.TENCENTCLOUD_SECRETID,
        secretKey: process.env.TENCENTCLOUD_SECRETKEY,
      });
  const started = Date.now();
  const results = await migrateAll(app.database(), Date.now(), (line) => console.log(`[migrate] ${line}`));
  const changed = results.reduce((sum, r) => sum + r.changed, 0);
  console.log(
    `[migrate] done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${changed} documents changed`,
  );
}

main().catch((error: unknown) => {
  console.error('[migrate] failed:', error);
  process.exit(1);
});
