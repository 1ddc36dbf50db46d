/** Milliseconds since the epoch → "2026-12-02 15:04" in Beijing time (the calendar of API.md). */
export function formatTime(ms: number | null | undefined): string {
  if (typeof ms !== 'number') return '';
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
