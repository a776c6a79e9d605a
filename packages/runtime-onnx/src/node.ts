export { saveOnnx, saveTrainingOnnx } from './save-onnx.js';
export { CONFORMANCE_EXCLUSIONS, CONFORMANCE_TIME_LIMITS } from './conformance-exclusions.js';
export { createOnnxRuntime, type OnnxRuntimeOptions } from './onnx-runtime.js';
export { DEFAULT_SESSION_OPTIONS, toSessionOptions, type OnnxSessionOptions } from './session-options.js';
export { loadOnnxRuntime, type OnnxBinding } from './load-onnxruntime.js';
export * from './index.js';
