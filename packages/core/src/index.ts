export type { Batch } from './batch.js';
export type { RuntimeCapabilities } from './capabilities.js';
export type { InferenceExecutor } from './inference-executor.js';
export type {
  ForwardOptions,
  StepResult,
  TrainableExecutor,
  TrainStepOptions,
} from './trainable-executor.js';
export type { ConformanceExclusion, ConformanceTimeLimit } from './conformance-policy.js';
export type { CompileOptions, Runtime, TrainableRuntime } from './runtime.js';
export { isTrainableExecutor, isTrainableRuntime } from './is-trainable-runtime.js';
export { InputError } from './input-error.js';
export { findTensorProblems, type TensorDescription, type TensorProblemOptions } from './tensor-problems.js';
export { describeHostTensor, findWeightProblems, WEIGHT_DTYPE } from './weight-problems.js';
export { findBatchProblems, findImageProblems } from './batch-problems.js';
export { findStepProblems } from './step-problems.js';
export {
  checkCompileOptions,
  checkForwardInput,
  checkGradientsInput,
  checkNotDisposed,
  checkOptimizerState,
  checkTrainStepInput,
  checkWeights,
} from './input-checks.js';
export { checkedExecutor } from './checked-executor.js';
export { checkedRuntime } from './checked-runtime.js';
