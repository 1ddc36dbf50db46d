/** `npm run demo` keeps working: its core walks the article's six steps and ends with a clean audit. */
import { runDemo } from '../../scripts/demo';

describe('npm run demo', () => {
  it('walks the six steps with the amounts of the article and a clean audit', async () => {
    const lines: string[] = [];
    const result = await runDemo((line) => lines.push(line));
    expect(lines.filter((l) => l.startsWith('\n【第 '))).toHaveLength(6);
    // ¥168 × 2 = ¥336: 老张 10 % = ¥33.60 (withdrew ¥30), 小红 5 % = ¥16.80, 阿明 2 % = ¥6.72.
    expect(result.balances).toEqual({
      阿明: { pendingFen: 0, availableFen: 672, frozenFen: 0, withdrawnFen: 0 },
      小红: { pendingFen: 0, availableFen: 1680, frozenFen: 0, withdrawnFen: 0 },
      老张: { pendingFen: 0, availableFen: 360, frozenFen: 0, withdrawnFen: 3000 },
    });
    expect(result.audit).toMatchObject({ ok: true, problems: [] });
    expect(result.dashboard.totals).toMatchObject({
      distributors: 3,
      orders: 1,
      salesFen: 33_600,
      commissionWithdrawnFen: 3000,
    });
    expect(lines.join('\n')).toContain('对账 audit: 全部相符');
  }, 30_000);
});
