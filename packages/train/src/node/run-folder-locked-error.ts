import { hostname } from 'node:os';
import { RunLockedError } from '../errors.js';

/**
 * Who holds a run folder's lock (`run.lock`).
 *
 * @example
 * const holder: RunLockHolder = { pid: 4242, host: 'gpu-box', startedAt: '2025-01-01T00:00:00.000Z' };
 */
export interface RunLockHolder {
  pid: number;
  host: string;
  /** ISO 8601 time the lock was taken. */
  startedAt: string;
}

/**
 * Another run holds the run folder (its `run.lock`); the message names the holder and what to do.
 *
 * @example
 * try { await train(options) } catch (error) { if (error instanceof RunFolderLockedError) console.error(error.holder?.pid) }
 */
export class RunFolderLockedError extends RunLockedError {
  override readonly name = 'RunFolderLockedError';

  constructor(
    readonly dir: string,
    readonly lockPath: string,
    readonly holder: RunLockHolder | undefined,
  ) {
    super(
      dir,
      holder === undefined
        ? `run folder ${dir} is locked by ${lockPath}, which names no holder; if no run is using ${dir}, delete ${lockPath}`
        : holder.host === hostname()
          ? `run folder ${dir} is in use by process ${holder.pid} on this host (since ${holder.startedAt}); wait for it to finish or stop it`
          : `run folder ${dir} is in use by process ${holder.pid} on host ${holder.host} (since ${holder.startedAt}); if that run has stopped, delete ${lockPath}`,
    );
  }
}
