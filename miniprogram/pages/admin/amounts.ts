/**
 * Rates and amounts as a merchant types them – percent and yuan – and back, exactly: string arithmetic,
 * never floating point.
 */

/** "0.125" → "12.5", "0" → "0" (a validated rate is below 1 with at most four decimals). */
export function rateToPercent(rate: string): string {
  const fraction = rate.split('.')[1] ?? '';
  const whole = String(Number(fraction.padEnd(2, '0').slice(0, 2)));
  const rest = fraction.slice(2).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/** "12.5" → "0.125"; null when it is not a percentage below 100 with at most two decimals. */
export function percentToRate(text: string): string | null {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return `0.${match[1].padStart(2, '0')}${match[2] ?? ''}`;
}

export function fenToYuanText(fen: number | undefined): string {
  if (fen === undefined) return '';
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
