export type {
  Batch,
  CompileOptions,
  Executor,
  Runtime,
  RuntimeCapabilities,
  StepResult,
  TrainStepOptions,
} from './runtime.js';
export type { ConformanceExclusion, ConformanceTimeLimit } from './conformance-policy.js';
