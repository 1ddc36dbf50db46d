/**
 * CloudBase timer triggers: seven space-separated fields (second minute hour day month weekday year),
 * evaluated in Beijing time (UTC+8) as CloudBase does. Supports `*`, lists, ranges and steps, month and
 * weekday names. Used to validate `config.json` at build time and to fire timers in the local runtime.
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
];

export interface Cron {
  source: string;
  /** Allowed values per field, in the order of FIELDS. */
  fields: Set<number>[];
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

function parseValue(token: string, spec: FieldSpec): number {
  const upper = token.toUpperCase();
  const named = spec.names ? spec.names.indexOf(upper) : -1;
  if (named >= 0) return spec.min + named;
  if (!/^\d+$/.test(token)) throw new Error(`${spec.name}: "${token}" is not a number`);
  const value = Number(token);
  if (value < spec.min || value > spec.max) {
    throw new Error(`${spec.name}: ${value} is outside ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') throw new Error(`${spec.name}: empty list item`);
    const [rangeText, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new Error(`${spec.name}: "${part}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        throw new Error(`${spec.name}: step "${stepText}" must be a positive integer`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = spec.min;
      to = spec.max;
    } else if (rangeText.includes('-')) {
      const [a, b] = rangeText.split('-');
      from = parseValue(a, spec);
      to = parseValue(b, spec);
      if (from > to) throw new Error(`${spec.name}: range "${rangeText}" runs backwards`);
    } else {
      from = parseValue(rangeText, spec);
      // "5/10" means from 5 to the end in steps of 10, as in CloudBase's examples.
      to = stepText !== undefined ? spec.max : from;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a 7-field cron expression or throws an Error that says which field is wrong. */
export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron needs 7 fields (got ${parts.length}): "${source}"`);
  return { source, fields: parts.map((text, i) => parseField(text, FIELDS[i])) };
}

/** Whether the cron fires in the second that contains `epochMs` (Beijing time). */
export function cronMatches(cron: Cron, epochMs: number): boolean {
  const d = new Date(Math.floor(epochMs / 1000) * 1000 + BEIJING_OFFSET_MS);
  const values = [
    d.getUTCSeconds(),
    d.getUTCMinutes(),
    d.getUTCHours(),
    d.getUTCDate(),
    d.getUTCMonth() + 1,
    d.getUTCDay(),
    d.getUTCFullYear(),
  ];
  return values.every((v, i) => cron.fields[i].has(v));
}

/** The first whole second strictly after `afterMs` at which the cron fires, or null within `horizonMs`. */
export function nextFire(cron: Cron, afterMs: number, horizonMs = 366 * 24 * 3600_000): number | null {
  let t = Math.floor(afterMs / 1000) * 1000 + 1000;
  const end = afterMs + horizonMs;
  while (t <= end) {
    if (cronMatches(cron, t)) return t;
    // Skip whole minutes when the second cannot match: keeps a search over a year cheap.
    const sec = new Date(t + BEIJING_OFFSET_MS).getUTCSeconds();
    if (!cron.fields[0].has(sec)) {
      const nextSec = [...cron.fields[0]].find((s) => s > sec);
      t = nextSec === undefined ? t + (60 - sec) * 1000 : t + (nextSec - sec) * 1000;
      continue;
    }
    t += 1000;
  }
  return null;
}
