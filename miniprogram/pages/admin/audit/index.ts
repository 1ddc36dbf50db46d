/**
 * 对账: runs admin.audit section by section (each answers `next` until everything is checked), shows how
 * far it got, and the findings grouped by what they mean and what to do (findings.ts).
 */
import { type AuditResult, runAudit } from '../../../services/admin/audit';
import { messageOf } from '../../../utils/errors';
import { type FindingGroup, groupFindings } from './findings';

/** Pages of 100 records per call: well inside the admin function's time limit. */
const PAGES_PER_CALL = 10;

type Checked = AuditResult['checked'];
const NONE: Checked = { accounts: 0, ledgerEntries: 0, orders: 0, commissions: 0, withdrawals: 0 };

Component({
  data: {
    state: 'idle' as 'idle' | 'running' | 'done' | 'stopped' | 'failed',
    error: '',
    checked: NONE,
    problemCount: 0,
    groups: [] as FindingGroup[],
  },
  methods: {
    onLoad() {
      this.run();
    },
    onRun() {
      this.run();
    },
    onStop() {
      (this as unknown as { stopping: boolean }).stopping = true;
    },
    async run() {
      const self = this as unknown as { stopping: boolean };
      self.stopping = false;
      this.setData({ state: 'running', error: '', checked: NONE, problemCount: 0, groups: [] });
      const problems: AuditResult['problems'] = [];
      let next: string | null | undefined;
      try {
        do {
          const result = await runAudit(next ? { next, pages: PAGES_PER_CALL } : { pages: PAGES_PER_CALL });
          problems.push(...result.problems);
          next = result.next;
          this.setData({
            checked: result.checked,
            problemCount: problems.length,
            groups: groupFindings(problems),
          });
        } while (next && !self.stopping);
        this.setData({ state: next ? 'stopped' : 'done' });
      } catch (e) {
        this.setData({ state: 'failed', error: messageOf(e) });
      }
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const link = String(e.currentTarget.dataset.link ?? '');
      if (link) wx.navigateTo({ url: link });
    },
  },
});
