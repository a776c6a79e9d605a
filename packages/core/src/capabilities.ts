/**
 * What a runtime can do, as constants the conformance suite, the training loop and the CLI read instead of guessing.
 *
 * @example
 * if (!runtime.capabilities.supportsTraining) throw new Error(`${runtime.name} cannot train`);
 */
export interface RuntimeCapabilities {
  /**
   * Its executors are `TrainableExecutor`s: training-mode forward, `gradients`, `trainStep` and optimizer
   * state. `isTrainableRuntime` narrows on this flag.
   */
  supportsTraining: boolean;
  /** Its executors implement `memory()`, so leaks can be tested. */
  reportsMemory: boolean;
  /** Arithmetic precision of the executor. */
  precision: 'float32' | 'float64';
}
