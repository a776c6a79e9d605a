export type {
  Batch,
  CompileOptions,
  Executor,
  Runtime,
  RuntimeCapabilities,
  StepResult,
  TrainStepOptions,
} from './runtime.js';
