export { saveOnnx } from './save-onnx.js';
export { createOnnxRuntime, type OnnxRuntimeOptions } from './onnx-runtime.js';
export { DEFAULT_SESSION_OPTIONS, toSessionOptions, type OnnxSessionOptions } from './session-options.js';
export { loadOnnxRuntime, type OnnxBinding } from './load-onnxruntime.js';
export * from './index.js';
