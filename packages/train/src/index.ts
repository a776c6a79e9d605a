export {
  DropoutGeneratorMismatchError,
  RunExistsError,
  RunLockedError,
  RunMismatchError,
  TrainingDivergedError,
} from './errors.js';
export { evaluate, type EvaluationResult } from './evaluate.js';
export type { EpochMetrics, TrainingEvent } from './events.js';
export { scoreLogits } from './logits-metrics.js';
export { memoryRunStore } from './memory-run-store.js';
export type { CheckpointSlot, RunStore, RunStoreLock } from './run-store.js';
export { readRunState, RUN_STATE_KEY, type RunState } from './run-state.js';
export { train, type TrainResult } from './train.js';
export type { TrainOptions } from './train-options.js';
export type { EvaluationData, TrainingData } from './training-data.js';
export { evaluationData, trainingData } from './dataset-adapters.js';
