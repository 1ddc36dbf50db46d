/**
 * After each test file: stop any local CloudBase it started and did not stop – typically one whose
 * start outlived a timed-out `beforeAll`, so the test's own `afterAll` had nothing to stop. Without this
 * its worker processes would keep jest from exiting. Stopping is idempotent, so a cloud the test stopped
 * itself is not disturbed.
 */
afterAll(async () => {
  // Only files that started one have the registry (and have localcloud/testing loaded already).
  if (!(globalThis as Record<symbol, unknown>)[Symbol.for('localcloud.testing.starts')]) return;
  const { stopAllLocalClouds } = await import('../../localcloud/testing');
  await stopAllLocalClouds();
});
