export { createTfjsRuntime, type TfjsBackendChoice, type TfjsRuntimeOptions } from './tfjs-runtime.js';
export { createTfjsBackendRuntime, type TfjsBackendRuntimeOptions } from './tfjs-backend-runtime.js';
export { TfjsExecutor } from './tfjs-executor.js';
export { runGraph, type GraphRunOptions, type ParameterLookup } from './graph-interpreter.js';
export { batchNormInference, batchNormTraining, type BatchStatistics } from './batch-norm.js';
export { registerConvolutionGradientKernels } from './kernels/register-gradient-kernels.js';
export { loadWasmBackend } from './wasm-backend.js';
export { loadTensorflowBackend, TENSORFLOW_PACKAGES } from './tensorflow-backend.js';
export { sgdUpdate } from './sgd-update.js';
