/**
 * A start that fails, or that its caller stopped waiting for, leaves nothing running: no worker process,
 * no listening socket – so a test file whose beforeAll timed out still lets jest exit.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, stopAllLocalClouds } from '../../../localcloud/testing';
import { waitFor } from './wait';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function resources(kind: string): number {
  return process.getActiveResourcesInfo().filter((r) => r === kind).length;
}

it('closes what a failed start opened: the listening server, the temporary DATA_DIR', async () => {
  const servers = resources('TCPServerWrap');
  const made = jest.spyOn(fs, 'mkdtempSync');
  // The seed step runs after the server listens; a missing seed file makes it throw.
  const seedFile = path.join(os.tmpdir(), 'no-such-seed.json');
  await expect(startLocalCloud({ seed: true, seedFile })).rejects.toThrow(/no-such-seed/);
  const dataDir = String(made.mock.results[0]?.value);
  made.mockRestore();
  expect(dataDir).toContain('localcloud-test-');
  expect(fs.existsSync(dataDir)).toBe(false);
  // The server's handle goes at the next turn of the event loop.
  await waitFor(() => resources('TCPServerWrap') <= servers);
});

it('stops a start nobody waited for (a timed-out beforeAll) once it is up', async () => {
  const late = startLocalCloud({ poolSize: 2 });
  await stopAllLocalClouds();
  const cloud = await late;
  expect(cloud.runtime.stats().workers).toBe(0);
  expect(fs.existsSync(cloud.dataDir)).toBe(false);
  // Stopping again is harmless.
  await cloud.stop();
});

it('lets jest exit after a beforeAll that timed out while a mall of eight workers was starting', async () => {
  const config = {
    rootDir: ROOT,
    testMatch: ['<rootDir>/tests/localcloud/runtime/fixtures/late-start/*.fixture.ts'],
    setupFilesAfterEnv: ['<rootDir>/tests/setup/localcloud.ts'],
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }] },
    testEnvironment: 'node',
  };
  const jest = spawn(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--ci', '--silent'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let output = '';
  jest.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  jest.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      jest.kill('SIGKILL');
      resolve(null);
    }, 50_000);
    jest.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  // It exits by itself (null: it had to be killed), failing because of the hook timeout.
  expect({ code, timedOut: /Exceeded timeout of 100 ms for a hook/.test(output) }).toEqual({
    code: 1,
    timedOut: true,
  });
  expect(output).not.toMatch(/did not exit one second after the test run/);
});
