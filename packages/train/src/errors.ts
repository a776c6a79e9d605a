import { hostname } from 'node:os';

/**
 * Training stopped because the loss became NaN or infinite; the last good checkpoint is kept.
 *
 * @example
 * try { await train(options) } catch (error) { if (error instanceof TrainingDivergedError) console.error(error.message) }
 */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';

  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly loss: number,
    learningRate: number,
    lastCheckpoint: string | undefined,
  ) {
    super(
      `training diverged: the loss is ${loss} at epoch ${epoch}, batch ${batch} (learning rate ${learningRate}). ` +
        (lastCheckpoint
          ? `The last good checkpoint is kept at ${lastCheckpoint}. `
          : 'No checkpoint was written yet. ') +
        'Lower the learning rate (--lr), check the data normalisation, or resume from the checkpoint.',
    );
  }
}

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
export class RunFolderLockedError extends Error {
  override readonly name = 'RunFolderLockedError';

  constructor(
    readonly dir: string,
    readonly lockPath: string,
    readonly holder: RunLockHolder | undefined,
  ) {
    super(
      holder === undefined
        ? `run folder ${dir} is locked by ${lockPath}, which names no holder; if no run is using ${dir}, delete ${lockPath}`
        : holder.host === hostname()
          ? `run folder ${dir} is in use by process ${holder.pid} on this host (since ${holder.startedAt}); wait for it to finish or stop it`
          : `run folder ${dir} is in use by process ${holder.pid} on host ${holder.host} (since ${holder.startedAt}); if that run has stopped, delete ${lockPath}`,
    );
  }
}
