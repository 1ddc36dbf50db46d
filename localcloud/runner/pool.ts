/**
 * A pool of worker processes (worker.ts), each running one invocation at a time. Calls wait in a queue
 * when every worker is busy. A worker whose invocation times out is killed; a worker that dies (exit,
 * uncaught exception) answers its invocation with a crash; either way a fresh worker takes its place.
 *
 * Each worker has the memory of the functions it runs (its V8 heap limit): an invocation goes to an idle
 * worker of its function's memory, or a new one – an idle worker of another size is retired for it when
 * the pool is full. A function that outgrows its memory kills its worker: a crash, "out of memory".
 *
 * Nested calls (a function calling another through callFunction) hold a worker while they wait for the
 * callee, so they go to the front of the queue and may start up to `burst` extra workers beyond `size`:
 * otherwise a pool of busy callers would wait for itself forever. Extra workers retire when idle.
 */
import { type ChildProcess, fork } from 'node:child_process';
import readline from 'node:readline';
import type { InvokeMessage, WorkerMessage } from './protocol';

export interface Job {
  /** The function's name, for output prefixes and messages. */
  name: string;
  file: string;
  event: unknown;
  context: Record<string, unknown>;
  env: Record<string, string>;
  timeoutMs: number;
  /** The function's memory: it runs in a worker whose heap is capped there. */
  memoryMb: number;
  /** Called by a function that is itself running (see the header). */
  nested: boolean;
}

export type JobFailure = 'error' | 'timeout' | 'crash' | 'closed';

export type JobOutcome =
  { ok: true; json: string } | { ok: false; failure: JobFailure; message: string; stack?: string };

export interface WorkerLaunch {
  /** The worker script (worker.js, or worker.ts with a TypeScript loader in execArgv). */
  script: string;
  execArgv: string[];
  /** The complete environment of a worker process (no inheritance). */
  env: Record<string, string>;
  /** Passed to the worker as argv[2]: the SDK to preload. */
  sdkPath: string;
  /** The heap limit execArgv gives the process. */
  memoryMb: number;
}

export interface PoolOptions {
  size: number;
  burst: number;
  /**
   * Read at each process start (the API URL in the environment is known only once the server listens),
   * for a worker of `memoryMb`.
   */
  launch: (memoryMb: number) => WorkerLaunch;
  /** The memory of the warm workers (CloudBase's default, 256). */
  defaultMemoryMb?: number;
  /** The runtime clock's offset, read when an invocation starts. */
  clockOffsetMs: () => number;
  /** Every line a function prints, with the function that was running. */
  onOutput: (line: string, stream: 'stdout' | 'stderr', functionName: string | null) => void;
  /** How long close() lets running invocations finish before it kills them. */
  drainMs: number;
}

interface Ticket {
  job: Job;
  resolve: (outcome: JobOutcome) => void;
}

interface Running {
  id: number;
  ticket: Ticket;
  timer?: NodeJS.Timeout;
}

class WorkerProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<boolean>;
  running: Running | null = null;
  hasBeenReady = false;
  alive = true;
  /** Set by a `fatal` message: why the process is about to exit. */
  fatal: { message: string; stack?: string } | null = null;
  /** V8 printed that the heap limit was reached: the process is about to abort. */
  outOfMemory = false;
  readonly loaded = new Set<string>();
  readonly memoryMb: number;

  constructor(launch: WorkerLaunch) {
    this.memoryMb = launch.memoryMb;
    this.child = fork(launch.script, [launch.sdkPath], {
      execArgv: launch.execArgv,
      env: launch.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.ready = new Promise((resolve) => {
      const onMessage = (message: WorkerMessage): void => {
        if (message.type !== 'ready') return;
        this.hasBeenReady = true;
        this.child.off('message', onMessage);
        resolve(true);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', () => resolve(false));
    });
  }

  get idle(): boolean {
    return this.alive && this.running === null;
  }
}

export class WorkerPool {
  private readonly workers: WorkerProcess[] = [];
  private readonly queue: Ticket[] = [];
  private readonly inFlight = new Set<Promise<JobOutcome>>();
  private nextId = 1;
  private closing = false;

  constructor(private readonly options: PoolOptions) {}

  private get defaultMemoryMb(): number {
    return this.options.defaultMemoryMb ?? 256;
  }

  /** Starts the warm workers up front so that the first calls do not pay for a process start. */
  async warm(): Promise<void> {
    while (this.workers.length < this.options.size) this.spawn(this.defaultMemoryMb);
    const ready = await Promise.all(this.workers.map((w) => w.ready));
    if (!ready.some(Boolean)) {
      const { script } = this.options.launch(this.defaultMemoryMb);
      throw new Error(`worker processes (${script}) exit before they are ready`);
    }
  }

  run(job: Job): Promise<JobOutcome> {
    if (this.closing) {
      return Promise.resolve({
        ok: false,
        failure: 'closed',
        message: 'the local CloudBase is shutting down',
      });
    }
    const outcome = new Promise<JobOutcome>((resolve) => {
      const ticket = { job, resolve };
      if (job.nested) {
        const firstNormal = this.queue.findIndex((t) => !t.job.nested);
        this.queue.splice(firstNormal < 0 ? this.queue.length : firstNormal, 0, ticket);
      } else {
        this.queue.push(ticket);
      }
      this.pump();
    });
    this.inFlight.add(outcome);
    void outcome.then(() => this.inFlight.delete(outcome));
    return outcome;
  }

  /** Workers now alive, and how many of them are running an invocation. */
  stats(): { workers: number; busy: number; queued: number } {
    const alive = this.workers.filter((w) => w.alive);
    return { workers: alive.length, busy: alive.filter((w) => !w.idle).length, queued: this.queue.length };
  }

  /** Refuses new calls, lets running ones finish (up to drainMs), then stops every worker. */
  async close(): Promise<void> {
    this.closing = true;
    for (const ticket of this.queue.splice(0)) {
      ticket.resolve({ ok: false, failure: 'closed', message: 'the local CloudBase is shutting down' });
    }
    let timer: NodeJS.Timeout | undefined;
    const drained = Promise.all(this.inFlight);
    const deadline = new Promise((resolve) => (timer = setTimeout(resolve, this.options.drainMs)));
    await Promise.race([drained, deadline]);
    clearTimeout(timer);
    await Promise.all(this.workers.map((w) => this.stop(w)));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const ticket = this.queue[0];
      const worker = this.pickWorker(ticket.job);
      if (!worker) return;
      this.queue.shift();
      this.dispatch(worker, ticket).catch((error: unknown) => this.failDispatch(worker, error));
    }
  }

  private pickWorker(job: Job): WorkerProcess | undefined {
    const idle = this.workers.filter((w) => w.idle);
    const fitting = idle.filter((w) => w.memoryMb === job.memoryMb);
    // Prefer a worker that already loaded this bundle: it answers without loading it again.
    const warm = fitting.find((w) => w.loaded.has(job.file)) ?? fitting[0];
    if (warm) return warm;
    const alive = this.workers.filter((w) => w.alive).length;
    const limit = this.options.size + (job.nested ? this.options.burst : 0);
    if (alive < limit) return this.spawn(job.memoryMb);
    // Full, but an idle worker has another memory size: it makes room for one of the right size.
    if (idle.length > 0) {
      void this.stop(idle[0]);
      return this.spawn(job.memoryMb);
    }
    return undefined;
  }

  private spawn(memoryMb: number): WorkerProcess {
    const worker = new WorkerProcess(this.options.launch(memoryMb));
    this.workers.push(worker);
    const forward = (stream: 'stdout' | 'stderr') => (line: string) => {
      // V8's last words when the heap limit is hit, before it aborts the process.
      if (stream === 'stderr' && /heap out of memory|Reached heap limit/.test(line))
        worker.outOfMemory = true;
      this.options.onOutput(line, stream, worker.running?.ticket.job.name ?? null);
    };
    const { stdout, stderr } = worker.child;
    if (stdout) readline.createInterface({ input: stdout }).on('line', forward('stdout'));
    if (stderr) readline.createInterface({ input: stderr }).on('line', forward('stderr'));
    worker.child.on('message', (message: WorkerMessage) => this.onMessage(worker, message));
    worker.child.on('exit', (code, signal) => this.onExit(worker, code, signal));
    // A failed fork (spawn error) also ends in 'exit'; the error itself needs a listener.
    worker.child.on('error', () => undefined);
    return worker;
  }

  private async dispatch(worker: WorkerProcess, ticket: Ticket): Promise<void> {
    const running: Running = { id: this.nextId++, ticket };
    worker.running = running;
    if (!(await worker.ready)) return; // onExit answered the ticket
    const { job } = ticket;
    const message: InvokeMessage = {
      type: 'invoke',
      id: running.id,
      file: job.file,
      event: job.event,
      context: job.context,
      env: job.env,
      clockOffsetMs: this.options.clockOffsetMs(),
    };
    running.timer = setTimeout(() => this.onTimeout(worker, running), job.timeoutMs);
    worker.loaded.add(job.file);
    // Serialising the message can throw (an event too deep for JSON.stringify): nothing was written to
    // the channel then, so the worker is still clean – the invocation alone fails (failDispatch).
    worker.child.send(message);
  }

  /** The invocation could not be handed to its worker: answer it, keep the worker, serve the queue. */
  private failDispatch(worker: WorkerProcess, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.finish(worker, {
      ok: false,
      failure: 'error',
      message: `the event could not be passed to the function: ${message}`,
    });
    if (!this.closing) this.pump();
  }

  private onMessage(worker: WorkerProcess, message: WorkerMessage): void {
    if (message.type === 'fatal') {
      worker.fatal = { message: message.message, stack: message.stack };
      return;
    }
    if (message.type !== 'result') return;
    const running = worker.running;
    if (!running || running.id !== message.id) return;
    this.finish(
      worker,
      message.ok
        ? { ok: true, json: message.json }
        : { ok: false, failure: 'error', message: message.message, stack: message.stack },
    );
    if (!this.closing && this.workers.filter((w) => w.alive).length > this.options.size) {
      void this.stop(worker);
    }
    this.pump();
  }

  private onTimeout(worker: WorkerProcess, running: Running): void {
    if (worker.running !== running) return;
    const seconds = running.ticket.job.timeoutMs / 1000;
    this.finish(worker, {
      ok: false,
      failure: 'timeout',
      message: `${running.ticket.job.name} timed out after ${seconds} s; its instance was stopped`,
    });
    // Whatever the function was doing may still be running: the instance cannot be reused.
    worker.alive = false;
    worker.child.kill('SIGKILL');
  }

  private onExit(worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null): void {
    worker.alive = false;
    this.workers.splice(this.workers.indexOf(worker), 1);
    if (worker.running) {
      const why = worker.fatal
        ? `uncaught ${worker.fatal.message}`
        : worker.outOfMemory || signal === 'SIGABRT'
          ? `out of memory: it needed more than its ${worker.memoryMb} MB`
          : signal
            ? `killed by ${signal}`
            : `process exited with code ${code}`;
      this.finish(worker, {
        ok: false,
        failure: 'crash',
        message: `${worker.running.ticket.job.name} crashed (${why})`,
        stack: worker.fatal?.stack,
      });
    }
    // Replace a worker that had worked: a script that cannot even start would only crash again.
    if (!this.closing && worker.hasBeenReady && this.workers.length < this.options.size) {
      this.spawn(this.defaultMemoryMb);
    }
    if (!this.closing) this.pump();
  }

  private finish(worker: WorkerProcess, outcome: JobOutcome): void {
    const running = worker.running;
    if (!running) return;
    clearTimeout(running.timer);
    worker.running = null;
    running.ticket.resolve(outcome);
  }

  private stop(worker: WorkerProcess): Promise<void> {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      worker.child.once('exit', () => resolve());
      worker.alive = false;
      worker.child.kill('SIGKILL');
    });
  }
}
