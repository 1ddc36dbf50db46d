import type { TcbHandler, TcbRegistry } from './types';

/**
 * Maps an `action` to its handler: exact names first, then the longest registered prefix, so a
 * service can claim a whole family (`storage.`) and still let a more specific registration win.
 */
export class ActionRegistry implements TcbRegistry {
  private readonly exact = new Map<string, TcbHandler>();
  private readonly prefixes: Array<{ prefix: string; handler: TcbHandler }> = [];

  register(action: string, handler: TcbHandler): void {
    if (action === '') throw new Error('ActionRegistry.register: empty action');
    // Two services answering one action would be a wiring bug; fail at start-up, not at call time.
    if (this.exact.has(action)) throw new Error(`ActionRegistry: action ${action} is already registered`);
    this.exact.set(action, handler);
  }

  registerPrefix(prefix: string, handler: TcbHandler): void {
    if (prefix === '') throw new Error('ActionRegistry.registerPrefix: empty prefix');
    if (this.prefixes.some((p) => p.prefix === prefix)) {
      throw new Error(`ActionRegistry: prefix ${prefix} is already registered`);
    }
    this.prefixes.push({ prefix, handler });
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The handler for `action`, or undefined when nothing claims it. */
  resolve(action: string): TcbHandler | undefined {
    const exact = this.exact.get(action);
    if (exact) return exact;
    return this.prefixes.find((p) => action.startsWith(p.prefix))?.handler;
  }

  /** Every exact action and prefix (prefixes end in `*`), for start-up logs and diagnostics. */
  list(): string[] {
    return [...this.exact.keys(), ...this.prefixes.map((p) => `${p.prefix}*`)].sort();
  }
}
