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
