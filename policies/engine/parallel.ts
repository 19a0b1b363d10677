/**
 * Evaluates several inputs on several cores: one worker thread per core (at most one per input),
 * each taking inputs from a shared queue. Results come back in input order, so the report is the
 * same as a single-threaded run's.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from './types';
import type { WorkerJob, WorkerReply } from './worker';

export type WorkerResult = Extract<WorkerReply, { ok: true }>;

export function workerCount(inputs: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, inputs));
}

export async function evaluateInParallel(jobs: readonly WorkerJob[]): Promise<WorkerResult[]> {
  const results = new Array<WorkerResult>(jobs.length);
  let next = 0;
  const script = path.join(__dirname, 'worker.js');
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(script);
      const dispatch = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const index = next++;
        const job = jobs[index];
        worker.once('message', (reply: WorkerReply) => {
          if (!reply.ok) {
            void worker.terminate();
            reject(reply.inputError ? new InputError(reply.message) : new Error(reply.message));
            return;
          }
          results[index] = reply;
          dispatch();
        });
        // The bytes move to the worker rather than being copied.
        worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
      };
      worker.once('error', reject);
      dispatch();
    });
  await Promise.all(Array.from({ length: workerCount(jobs.length) }, runWorker));
  return results;
}
