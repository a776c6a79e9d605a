/**
 * Training stopped because the loss (of a step, or on the held-out set) became NaN or infinite; the last good
 * checkpoint is kept.
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
    quantity = 'loss', // the training loss of a step; 'held-out loss' when evaluation finds it
  ) {
    super(
      `training diverged: the ${quantity} is ${loss} at epoch ${epoch}, batch ${batch} (learning rate ${learningRate}). ` +
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

/** What a resume can disagree with its run on, and the default message of each. */
const MISMATCH_MESSAGES = {
  spec: (store: string) =>
    `${store} holds a different model than requested; resume with the run's own spec (its config)`,
  recipe: (store: string) =>
    `the recipe differs from the one ${store} was started with (its config); resume without changing it`,
  dropoutMaskGenerator: (store: string) =>
    `${store} was trained with another dropout mask generator than this version's; start a new run`,
};

/**
 * A resumed run was given another model or recipe than the one it was started with, or (with dropout) this version
 * draws its masks with another generator ({@link DropoutGeneratorMismatchError}).
 *
 * @example
 * try { await train({ ...options, resume: true }) } catch (error) { if (error instanceof RunMismatchError) console.error(error.field) }
 */
export class RunMismatchError extends Error {
  override readonly name: string = 'RunMismatchError';

  constructor(
    readonly store: string,
    readonly field: keyof typeof MISMATCH_MESSAGES,
    message = MISMATCH_MESSAGES[field](store), // the field's own message unless a subclass says more
  ) {
    super(message);
  }
}

/**
 * A resumed run with dropout was written with another dropout mask generator than this version's
 * (`DROPOUT_MASK_GENERATOR` of `@wrn/spec`), or before runs recorded one (`recorded` undefined): its remaining steps
 * would draw other masks than the steps before. A run without dropout resumes whatever it recorded.
 *
 * @example
 * try { await train({ ...options, resume: true }) } catch (error) { if (error instanceof DropoutGeneratorMismatchError) console.error(error.recorded) }
 */
export class DropoutGeneratorMismatchError extends RunMismatchError {
  override readonly name = 'DropoutGeneratorMismatchError';

  constructor(
    store: string,
    readonly recorded: string | undefined,
    readonly current: string,
  ) {
    const source =
      recorded === undefined
        ? 'a generator it did not record (it was written before runs recorded one)'
        : `generator '${recorded}'`;
    super(
      store,
      'dropoutMaskGenerator',
      `${store} was trained with dropout masks from ${source}, but this version draws them with '${current}'; ` +
        'start a new run, or train it on with the version that wrote it',
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
