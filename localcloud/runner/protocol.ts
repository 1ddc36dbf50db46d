/**
 * Messages between the runner (parent) and a worker process over the IPC channel of child_process.fork.
 * One invocation at a time per worker: the parent never sends `invoke` to a busy worker.
 */

/** Parent → worker: run `main(event, context)` of the bundle at `file`. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  /** Absolute path of the function's built index.js. */
  file: string;
  event: unknown;
  context: Record<string, unknown>;
  /** Variables set for this invocation only (identity, source, token, the function's own variables). */
  env: Record<string, string>;
  /** The runtime clock's offset from real time: the worker's Date reads real time plus this. */
  clockOffsetMs: number;
}

export type ParentMessage = InvokeMessage;

/** Worker → parent, once the SDK is loaded: the worker may now receive invocations. */
export interface ReadyMessage {
  type: 'ready';
}

/**
 * Worker → parent: how the invocation ended. `json` is the JSON text of main's return value (what the
 * platform sends on, so Dates become strings here as they do on CloudBase).
 */
export type ResultMessage =
  | { type: 'result'; id: number; ok: true; json: string }
  | { type: 'result'; id: number; ok: false; message: string; stack?: string };

/** Worker → parent, just before the worker exits on an uncaught exception or unhandled rejection. */
export interface FatalMessage {
  type: 'fatal';
  message: string;
  stack?: string;
}

export type WorkerMessage = ReadyMessage | ResultMessage | FatalMessage;
