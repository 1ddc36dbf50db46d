/**
 * `npm run bench` – what each business action costs in database calls (CloudBase bills, and waits for,
 * every one), against the targets of targets.ts, and whether time grows with the data stored.
 *
 *   npm run bench [-- --no-build] [--quick] [--strict] [--out file.json] [--compare earlier.json]
 *                 [--only actions|scale] [--samples 3] [--settle-batch 50] [--due 1000]
 *                 [--sizes 10000,100000] [--settle-reps 3] [--dashboard-reps 21] [--pool 4]
 *
 * Everything runs on local CloudBases started with localcloud/testing.ts (the real function bundles of
 * build/functions, the real wx-server-sdk), arranged through the functions' public actions only
 * (actions.ts, scale.ts; bulk data is cloned from documents the functions wrote, clone.ts), so that the
 * bench keeps working when the data model changes. It prints a table per part and writes JSON
 * (build/bench/<timestamp>.json and build/bench/latest.json, or --out) for --compare.
 * The exit code is 0 even when targets fail (it is a measurement); --strict makes a failure exit 1.
 * --quick: small sizes for development (due 100, 1,000 vs 10,000 stored, 2 repetitions).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type ActionOptions, measureActions } from './actions';
import { type BenchReport, actionsTable, allPass, comparison, machine, scaleTable } from './report';
import { type ScaleOptions, measureScale } from './scale';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface BenchOptions {
  build: boolean;
  strict: boolean;
  out: string | null;
  compare: string | null;
  only: 'actions' | 'scale' | null;
  actions: ActionOptions;
  scale: ScaleOptions;
}

export function defaultOptions(): BenchOptions {
  return {
    build: true,
    strict: false,
    out: null,
    compare: null,
    only: null,
    actions: { samples: 3, lines: [1, 5, 20], settleBatch: 50, poolSize: 4 },
    scale: {
      due: 1000,
      sizes: [10_000, 100_000],
      accountsPerOrder: 0.1,
      settleReps: 3,
      dashboardReps: 21,
      poolSize: 4,
      concurrency: 8,
    },
  };
}

export function parseOptions(argv: string[]): BenchOptions {
  const options = defaultOptions();
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      const next = argv[(i += 1)];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const positive = (text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: not a positive integer: ${text}`);
      return n;
    };
    if (flag === '--no-build') options.build = false;
    else if (flag === '--strict') options.strict = true;
    else if (flag === '--out') options.out = path.resolve(value());
    else if (flag === '--compare') options.compare = path.resolve(value());
    else if (flag === '--only') {
      const only = value();
      if (only !== 'actions' && only !== 'scale') throw new Error('--only actions|scale');
      options.only = only;
    } else if (flag === '--quick') {
      options.actions.samples = 1;
      options.actions.settleBatch = 20;
      Object.assign(options.scale, { due: 100, sizes: [1000, 10_000], settleReps: 2, dashboardReps: 5 });
    } else if (flag === '--samples') options.actions.samples = positive(value());
    else if (flag === '--settle-batch') options.actions.settleBatch = positive(value());
    else if (flag === '--due') options.scale.due = positive(value());
    else if (flag === '--sizes') {
      const sizes = value().split(',').map(positive);
      if (sizes.length !== 2 || sizes[0] >= sizes[1]) throw new Error('--sizes small,large');
      options.scale.sizes = [sizes[0], sizes[1]];
    } else if (flag === '--settle-reps') options.scale.settleReps = positive(value());
    else if (flag === '--dashboard-reps') options.scale.dashboardReps = positive(value());
    else if (flag === '--pool') options.actions.poolSize = options.scale.poolSize = positive(value());
    else throw new Error(`unknown option ${flag}`);
  }
  if (options.scale.due >= options.scale.sizes[0]) throw new Error('--due must be below the small size');
  return options;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** Measures (no build, no printing of tables, no files): what the self-check test calls. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const actions = options.only === 'scale' ? [] : await measureActions(options.actions);
  const scale = options.only === 'actions' ? [] : await measureScale(options.scale);
  const status = git(['status', '--porcelain']);
  return {
    bench: 'cost',
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    git: {
      commit: git(['rev-parse', 'HEAD']),
      branch: git(['rev-parse', '--abbrev-ref', 'HEAD']),
      dirty: status === null ? null : status.length > 0,
    },
    machine: machine(),
    options: { actions: options.actions, scale: options.scale, only: options.only },
    actions,
    scale,
    pass: allPass(actions, scale),
  };
}

export function writeReport(report: BenchReport, out: string | null): string[] {
  const files = out
    ? [out]
    : [
        path.join(ROOT, 'build', 'bench', `${report.startedAt.replace(/[:.]/g, '-')}.json`),
        path.join(ROOT, 'build', 'bench', 'latest.json'),
      ];
  for (const file of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
  return files;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.build) {
    const built = spawnSync('npx', ['tsx', path.join(ROOT, 'scripts', 'build.ts')], {
      stdio: 'inherit',
      cwd: ROOT,
    });
    if (built.status !== 0) throw new Error('build failed');
  }
  const earlier = options.compare
    ? (JSON.parse(fs.readFileSync(options.compare, 'utf8')) as BenchReport)
    : null;
  const report = await runBench(options);
  const { cpus, node, platform, arch } = report.machine;
  console.log(
    `\n${report.git.commit?.slice(0, 8) ?? '?'}${report.git.dirty ? ' (dirty)' : ''}, ${platform} ${arch}, ${cpus} CPUs, node ${node}\n`,
  );
  if (report.actions.length > 0) {
    console.log('Database calls per business action (medians; tx = transactions started):\n');
    console.log(actionsTable(report.actions));
  }
  if (report.scale.length > 0) {
    console.log('\nScale (median wall time of a repetition; calls of one repetition):\n');
    console.log(scaleTable(report.scale));
  }
  const failed = [
    ...report.actions
      .filter((a) => a.pass === false)
      .map((a) => `${a.label}: ${a.calls} calls > ${a.target}`),
    ...report.scale.filter((s) => !s.pass).map((s) => `${s.label}: ratio ${s.ratio} > ${s.target}`),
  ];
  console.log(
    failed.length
      ? `\nFAIL – ${failed.length} target(s) missed:\n  ${failed.join('\n  ')}`
      : '\nall targets met',
  );
  if (earlier) console.log(`\n${comparison(earlier, report)}`);
  const files = writeReport(report, options.out);
  console.log(`\nwritten: ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  if (options.strict && failed.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
