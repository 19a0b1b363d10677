/**
 * A worker thread that evaluates plans with the built engine, with a deadline per case. A case
 * that runs past its deadline is a hang: the worker is terminated (the only way to stop a
 * synchronous loop) and a fresh one takes the next case.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DIST, requireBuilt } from './seeds';

export interface Variant {
  unknownPolicy: 'pass' | 'warn' | 'fail';
  changedOnly: boolean;
  overrideSoft?: string;
  /** default: every resource in PHI scope, no waivers; scoped: PHI by tag/module, config waivers. */
  config: 'default' | 'scoped';
  /** false: evaluate only, render nothing (timing tests). */
  render?: boolean;
}

export const DEFAULT_VARIANT: Variant = { unknownPolicy: 'warn', changedOnly: false, config: 'default' };

interface Common {
  millis: number;
  /** Prototype properties that appeared while the case ran. */
  pollution: string[];
}

export type Outcome =
  | (Common & { kind: 'report'; exitCode: 0 | 1; outputs: Record<string, string> })
  | (Common & { kind: 'input-error'; message: string })
  | (Common & { kind: 'crash'; name: string; message: string; stack: string })
  | { kind: 'timeout'; millis: number; pollution: string[] };

type Reply = Exclude<Outcome, { kind: 'timeout' }> & { id: number };

const WORKER_FILE = path.join(__dirname, 'evaluate-worker.js');

export class Sandbox {
  private worker: Worker | undefined;
  private nextId = 0;

  constructor(private readonly deadlineMs: number) {
    requireBuilt();
  }

  private spawn(): Worker {
    // Node's default limits, as the CLI has. unref: a worker left over never keeps jest alive.
    const worker = new Worker(WORKER_FILE, { workerData: { dist: DIST } });
    worker.unref();
    return worker;
  }

  evaluate(bytes: Buffer, label = 'plan.json', variant: Variant = DEFAULT_VARIANT): Promise<Outcome> {
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    const started = Date.now();
    return new Promise<Outcome>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        cleanup();
        const { id: _id, ...outcome } = reply;
        void _id;
        resolve(outcome);
      };
      // An error that escapes the worker's own try/catch (e.g. out of memory) is a crash too.
      const onError = (err: Error) => {
        cleanup();
        this.worker = undefined;
        resolve({ kind: 'crash', name: err.name, message: err.message, stack: String(err.stack), millis: Date.now() - started, pollution: [] });
      };
      const onExit = (code: number) => {
        cleanup();
        this.worker = undefined;
        reject(new Error(`evaluation worker exited with code ${code}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        this.worker = undefined;
        void worker.terminate();
        resolve({ kind: 'timeout', millis: Date.now() - started, pollution: [] });
      }, this.deadlineMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // A copy, so the caller's buffer stays usable; transferred, not cloned again.
      const copy = new Uint8Array(bytes);
      worker.postMessage({ id, bytes: copy, label, variant }, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** One line describing an outcome, for assertion messages. */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'report':
      return `exit ${o.exitCode} in ${o.millis.toFixed(0)} ms`;
    case 'input-error':
      return `input error: ${o.message.slice(0, 300)}`;
    case 'crash':
      return `CRASH ${o.name}: ${o.message.slice(0, 300)}\n${o.stack.split('\n').slice(0, 8).join('\n')}`;
    case 'timeout':
      return `TIMEOUT after ${o.millis} ms`;
  }
}
