import type { Worker } from 'node:worker_threads';
import type { ReplicaRequest } from './protocol.js';

/**
 * The coordinator's handle on one worker-thread replica: numbered requests, answered in any order.
 *
 * @example
 * const client = await ReplicaClient.start(workerUrl);
 * await client.call({ type: 'resetMomentum' });
 */
export class ReplicaClient {
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;
  private lost: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined)
        waiter?.reject(new Error(`data-parallel replica failed: ${message.error}`));
      else waiter?.resolve(message.result);
    });
    const fail = (error: Error) => {
      this.lost = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`data-parallel replica crashed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`data-parallel replica exited (code ${code})`)));
  }

  /** Why this replica is unusable (it crashed, exited or was terminated); undefined while it works. */
  get failure(): Error | undefined {
    return this.lost;
  }

  /** Starts a worker thread running the replica entry point at `url`. */
  static async start(url: URL): Promise<ReplicaClient> {
    const { Worker } = await import('node:worker_threads');
    return new ReplicaClient(new Worker(url));
  }

  call<T>(request: ReplicaRequest): Promise<T> {
    if (this.lost) return Promise.reject(this.lost);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  terminate(): void {
    this.lost ??= new Error('data-parallel replica was terminated (executor disposed)');
    void this.worker.terminate();
  }
}
