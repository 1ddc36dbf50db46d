/**
 * docs/api.md is the API reference, generated from the functions (scripts/api-doc.ts): it must say what
 * the code does. A change of an action's input schema, result type or description without
 * `npm run docs:api` fails here.
 */
import fs from 'node:fs';
import { API_DOC, renderApiDoc } from '../../scripts/api-doc';

describe('docs/api.md', () => {
  it('is what the functions generate now (run `npm run docs:api` after changing an action)', async () => {
    const committed = fs.readFileSync(API_DOC, 'utf8');
    const generated = await renderApiDoc();
    expect(committed === generated ? 'up to date' : 'stale: run npm run docs:api').toBe('up to date');
  }, 120_000);

  it('documents every action, with its input and a result type', async () => {
    const text = fs.readFileSync(API_DOC, 'utf8');
    expect(text).not.toContain('(undocumented)');
    expect(text).not.toMatch(/^unknown$/m);
    for (const name of ['order.create', 'withdraw.apply', 'admin.audit', 'distributor.center', 'settle.run'])
      expect(text).toContain(`### ${name}\n`);
  });
});
