/**
 * What an event may be before it is handed to a function (NOTES.md §7.4): a JSON object of at most
 * 6 MB – CloudBase's documented limit for a synchronous invocation's event – nested at most 32 deep.
 * No page documents a depth limit; 32 is far beyond any real event and far below what breaks Node's
 * recursive JSON.stringify on the way to the worker (a few thousand levels crashed the runtime).
 * Both limits are checked on the parsed value without recursion, so the check itself cannot overflow.
 */

/** 6 MB as 6,000,000 bytes: the stricter reading of "6 MB". */
export const MAX_EVENT_BYTES = 6_000_000;
export const MAX_EVENT_DEPTH = 32;

/** Why `value` is not an acceptable event, or null. `depth` counts objects and arrays: `{}` is 1. */
export function eventProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'the event must be a JSON object';
  }
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_EVENT_DEPTH) return `the event is nested deeper than ${MAX_EVENT_DEPTH} levels`;
    const children = Array.isArray(node) ? node : Object.values(node as Record<string, unknown>);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return null;
}
