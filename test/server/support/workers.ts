/** Forks refresh-worker.ts processes and talks to them: one message out, the next message of a type back. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerConfig, WorkerMessage } from './refresh-worker.js';

const WORKER = fileURLToPath(new URL('./refresh-worker.ts', import.meta.url));

export interface Worker {
  child: ChildProcess;
  /** The next message of this type (messages that arrived earlier are kept). */
  next<T extends WorkerMessage['type']>(type: T): Promise<Extract<WorkerMessage, { type: T }>>;
  send(message: unknown): void;
  /** Resolves with the exit signal (or code) once the process has ended. */
  exited: Promise<NodeJS.Signals | number | null>;
}

export async function forkWorker(config: WorkerConfig): Promise<Worker> {
  const child = fork(WORKER, [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const inbox: WorkerMessage[] = [];
  const waiting: { type: string; resolve: (message: WorkerMessage) => void }[] = [];
  child.on('message', (message: WorkerMessage) => {
    const index = waiting.findIndex((waiter) => waiter.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(message);
    else inbox.push(message);
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const worker: Worker = {
    child,
    next(type) {
      const index = inbox.findIndex((message) => message.type === type);
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0] as never);
      return new Promise((resolve, reject) => {
        waiting.push({ type, resolve: resolve as (message: WorkerMessage) => void });
        void exited.then((how) => reject(new Error(`worker ended (${String(how)}) before sending ${type}`)));
      });
    },
    send: (message) => child.send(message as never),
    exited,
  };
  await worker.next('ready');
  return worker;
}
