/** The bench's JSON, its tables and the comparison with an earlier run. */
import os from 'node:os';
import type { ActionResult } from './actions';
import type { ScaleResult } from './scale';

export interface BenchReport {
  bench: 'cost';
  version: 1;
  startedAt: string;
  finishedAt: string;
  git: { commit: string | null; branch: string | null; dirty: boolean | null };
  machine: { platform: string; arch: string; cpus: number; node: string };
  options: Record<string, unknown>;
  actions: ActionResult[];
  scale: ScaleResult[];
  /** Every target met. */
  pass: boolean;
}

export function machine(): BenchReport['machine'] {
  return { platform: process.platform, arch: process.arch, cpus: os.cpus().length, node: process.version };
}

export function allPass(actions: ActionResult[], scale: ScaleResult[]): boolean {
  return actions.every((a) => a.pass !== false) && scale.every((s) => s.pass);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

const verdict = (pass: boolean | null) => (pass === null ? '—' : pass ? 'pass' : 'FAIL');
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function actionsTable(actions: ActionResult[]): string {
  return table(
    ['action', 'calls', 'tx', 'target', 'pass/fail', 'calls by kind'],
    actions.map((a) => [
      a.label,
      num(a.calls),
      num(a.tx),
      a.target === null ? '—' : `≤ ${a.target}`,
      verdict(a.pass),
      Object.entries(a.byAction)
        .map(([name, n]) => `${name.replace(/Document$/, '')} ${num(n)}`)
        .join(', '),
    ]),
  );
}

export function scaleTable(scale: ScaleResult[]): string {
  return table(
    ['scale test', 'small: ms (calls)', 'large: ms (calls)', 'ratio', 'target', 'pass/fail'],
    scale.map((s) => [
      s.label,
      `${num(s.small.ms)} (${s.small.calls})`,
      `${num(s.large.ms)} (${s.large.calls})`,
      s.ratio.toFixed(2),
      `≤ ${s.target}`,
      verdict(s.pass),
    ]),
  );
}

/** What changed since an earlier run: calls, transactions, ratios. */
export function comparison(before: BenchReport, after: BenchReport): string {
  const delta = (a: number | undefined, b: number) => {
    if (a === undefined) return 'new';
    const d = b - a;
    return d === 0 ? '=' : `${d > 0 ? '+' : ''}${num(Math.round(d * 100) / 100)}`;
  };
  const rows = after.actions.map((a) => {
    const old = before.actions.find((o) => o.id === a.id);
    return [
      a.label,
      old ? `${num(old.calls)} → ${num(a.calls)}` : `– → ${num(a.calls)}`,
      delta(old?.calls, a.calls),
      old ? `${num(old.tx)} → ${num(a.tx)}` : `– → ${num(a.tx)}`,
      `${verdict(old?.pass ?? null)} → ${verdict(a.pass)}`,
    ];
  });
  for (const old of before.actions) {
    if (!after.actions.some((a) => a.id === old.id))
      rows.push([old.label, `${num(old.calls)} → –`, 'gone', '', '']);
  }
  const parts = [
    `compared with ${before.startedAt} (${before.git.commit?.slice(0, 8) ?? '?'})`,
    table(['action', 'calls', 'Δ calls', 'tx', 'pass/fail'], rows),
  ];
  if (after.scale.length > 0 || before.scale.length > 0) {
    parts.push(
      table(
        ['scale test', 'ratio', 'small ms', 'large ms', 'pass/fail'],
        after.scale.map((s) => {
          const old = before.scale.find((o) => o.id === s.id);
          return [
            s.label,
            old ? `${old.ratio.toFixed(2)} → ${s.ratio.toFixed(2)}` : `– → ${s.ratio.toFixed(2)}`,
            old ? `${num(old.small.ms)} → ${num(s.small.ms)}` : num(s.small.ms),
            old ? `${num(old.large.ms)} → ${num(s.large.ms)}` : num(s.large.ms),
            `${verdict(old?.pass ?? null)} → ${verdict(s.pass)}`,
          ];
        }),
      ),
    );
  }
  return parts.join('\n\n');
}
