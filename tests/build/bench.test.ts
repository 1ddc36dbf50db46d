/**
 * `npm run bench` (scripts/bench/cost) in its self-check size: the measuring functions on a few orders
 * and tiny stores, checking the report's shape and that every measured action made database calls –
 * so that a change of the functions or of the local CloudBase that breaks the bench shows up in
 * `npm test`, not on the day of a full run. Needs build/functions (`npm test` builds first).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultOptions, parseOptions, runBench, writeReport } from '../../scripts/bench/cost/index';
import { actionsTable, comparison, scaleTable } from '../../scripts/bench/cost/report';
import { CALL_TARGETS, RATIO_TARGETS } from '../../scripts/bench/cost/targets';

jest.setTimeout(60_000);

describe('npm run bench, self-check size', () => {
  it('measures every business action and both scale tests, and writes a comparable report', async () => {
    const started = Date.now();
    const options = defaultOptions();
    options.actions = { samples: 1, lines: [1, 20], settleBatch: 2, poolSize: 2, quiet: true };
    options.scale = {
      due: 2,
      sizes: [12, 40],
      accountsPerOrder: 0.5,
      settleReps: 1,
      dashboardReps: 1,
      poolSize: 2,
      concurrency: 2,
      quiet: true,
    };
    const report = await runBench(options);

    expect(report).toMatchObject({ bench: 'cost', version: 1, machine: { cpus: expect.any(Number) } });
    const ids = report.actions.map((a) => a.id);
    expect(ids).toEqual([
      'login',
      'order.create',
      'order.create.20',
      'payNotify.1',
      'payNotify.20',
      'admin.ship',
      'confirmReceipt',
      'settle.perOrder',
      'withdraw.apply',
      'withdraw.approve',
      'admin.dashboard',
      'admin.dashboard.90',
    ]);
    for (const action of report.actions) {
      expect(action.calls).toBeGreaterThan(0);
      expect(action.samples.length).toBeGreaterThan(0);
      expect(action.target).toBe(CALL_TARGETS[action.id] ?? null);
      expect(action.pass).toBe(action.target === null ? null : action.calls <= action.target);
      expect(Object.values(action.byAction).reduce((a, b) => a + b, 0)).toBeCloseTo(action.calls, 0);
    }
    // Money moves in transactions.
    for (const id of ['payNotify.1', 'settle.perOrder', 'withdraw.apply']) {
      expect(report.actions.find((a) => a.id === id)?.tx).toBeGreaterThan(0);
    }

    expect(report.scale.map((s) => s.id)).toEqual(['scale.settle', 'scale.dashboard']);
    for (const scale of report.scale) {
      expect(scale.target).toBe(RATIO_TARGETS[scale.id]);
      expect(scale.small.orders).toBe(12);
      expect(scale.large.orders).toBe(40);
      expect(scale.large.accounts).toBeGreaterThan(scale.small.accounts);
      for (const side of [scale.small, scale.large]) {
        expect(side.ms).toBeGreaterThan(0);
        expect(side.calls).toBeGreaterThan(0);
      }
      expect(scale.ratio).toBeCloseTo(scale.large.ms / scale.small.ms, 1);
      expect(scale.pass).toBe(scale.ratio <= scale.target);
    }
    expect(report.pass).toBe(
      report.actions.every((a) => a.pass !== false) && report.scale.every((s) => s.pass),
    );

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
    try {
      const [file] = writeReport(report, path.join(dir, 'run.json'));
      const reread = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(reread).toEqual(JSON.parse(JSON.stringify(report)));
      expect(comparison(reread, report)).toContain('payment notification, 1 line');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(actionsTable(report.actions)).toMatch(/\| (pass|FAIL) /);
    expect(scaleTable(report.scale)).toContain('≤ 1.2');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('parses its options', () => {
    const quick = parseOptions(['--quick', '--no-build', '--strict', '--out', 'x.json']);
    expect(quick).toMatchObject({ build: false, strict: true, scale: { due: 100, sizes: [1000, 10_000] } });
    expect(parseOptions(['--sizes', '2000,20000', '--due', '500']).scale).toMatchObject({
      sizes: [2000, 20_000],
      due: 500,
    });
    expect(() => parseOptions(['--sizes', '100,10'])).toThrow('--sizes');
    expect(() => parseOptions(['--bogus'])).toThrow('unknown option');
  });
});
