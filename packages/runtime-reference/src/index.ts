export { referenceBackward, type BackwardOptions } from './backward.js';
export {
  batchNormBackward,
  batchNormEvalForward,
  batchNormTrainingForward,
  updateRunningStatistics,
  type BatchNormCache,
} from './batch-norm.js';
export { CONFORMANCE_EXCLUSIONS, CONFORMANCE_TIME_LIMITS } from './conformance-exclusions.js';
export { conv2dBackward, conv2dForward, outputSize, type ConvGeometry } from './conv2d.js';
export { denseBackward, denseForward } from './dense.js';
export {
  addForward,
  dropoutApply,
  globalAvgPoolBackward,
  globalAvgPoolForward,
  reluBackward,
  reluForward,
} from './elementwise.js';
export { referenceForward, type ForwardOptions, type ForwardResult } from './forward.js';
export { ReferenceExecutor } from './reference-executor.js';
export {
  ReferenceModel,
  type DropoutDraw,
  type ReferenceGradients,
  type ReferenceModelOptions,
} from './reference-model.js';
export { createReferenceRuntime, type ReferenceRuntimeOptions } from './reference-runtime.js';
export { sgdStep } from './sgd.js';
export { countCorrect, softmaxCrossEntropy } from './softmax-cross-entropy.js';
export { requireTensor, toFloat32, toFloat64, zeros, type Tensor64, type WeightMap64 } from './tensor.js';
