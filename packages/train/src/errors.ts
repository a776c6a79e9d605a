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
 * A new run was asked for, but the store already holds one: nothing is overwritten by accident.
 *
 * @example
 * try { await train(options) } catch (error) { if (error instanceof RunExistsError) await train({ ...options, resume: true }) }
 */
export class RunExistsError extends Error {
  override readonly name = 'RunExistsError';

  constructor(readonly store: string) {
    super(`${store} already holds a run; resume it (resume: true) or train into another store`);
  }
}

/**
 * A resumed run was given another model or recipe than the one it was started with.
 *
 * @example
 * try { await train({ ...options, resume: true }) } catch (error) { if (error instanceof RunMismatchError) console.error(error.field) }
 */
export class RunMismatchError extends Error {
  override readonly name = 'RunMismatchError';

  constructor(
    readonly store: string,
    readonly field: 'spec' | 'recipe',
  ) {
    super(
      field === 'spec'
        ? `${store} holds a different model than requested; resume with the run's own spec (its config)`
        : `the recipe differs from the one ${store} was started with (its config); resume without changing it`,
    );
  }
}

/**
 * Another run holds the store (see `RunStore.lock`). The file store throws its subclass `RunFolderLockedError`,
 * which names the holding process.
 *
 * @example
 * try { await train(options) } catch (error) { if (error instanceof RunLockedError) console.error(error.store) }
 */
export class RunLockedError extends Error {
  override readonly name: string = 'RunLockedError';

  constructor(
    readonly store: string,
    message = `${store} is in use by another run; wait for it to finish`,
  ) {
    super(message);
  }
}
