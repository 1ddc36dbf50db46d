import path from 'node:path';
import { expectComponentsRendered, renderPage } from './harness';

const FIXTURES = path.join(__dirname, 'fixtures');

/** The harness itself: a page test must fail when a component it uses renders nothing. */
describe('page test harness', () => {
  it('fails a page whose component renders nothing, and passes the ones that render', () => {
    const page = renderPage('empty-component/index', {}, FIXTURES);
    expect(() => expectComponentsRendered(page)).toThrow('components rendered nothing: <x-blank>');
    expect(expectComponentsRendered(page, ['x-blank'])).toBe(1); // x-full
    expect(page.comp.dom!.textContent).toContain('shown');
  });

  it('fails the load when a package component is not in miniprogram_npm', () => {
    expect(() => renderPage('unknown-npm/index', {}, FIXTURES)).toThrow(
      /component <t-nothing> "tdesign-miniprogram\/nothing\/nothing"/,
    );
  });
});
