import { CUDA_INSTALL_COMMAND } from './onnx-backend.js';
import { runtimeName, type RuntimeName } from './runtime-loader.js';

/**
 * Backends only the tfjs runtime has: without `--runtime`, naming one of them chooses tfjs, so
 * `--backend tensorflow` (tfjs-node-gpu on a CUDA machine) works as it did before onnx became the default.
 *
 * @example
 * TFJS_ONLY_BACKENDS.includes('tensorflow'); // true
 */
export const TFJS_ONLY_BACKENDS: readonly string[] = ['tensorflow', 'wasm', 'auto'];

/**
 * The runtime `wrn train`, `eval`, `predict` and `bench` use when `--runtime` is not given: onnx when
 * onnxruntime-node loads (on the CPU it trains faster than tfjs wasm), else tfjs (whose `auto` backend
 * picks native TensorFlow, then wasm). A fixed rule, decided by importing onnxruntime-node: no timing at start-up.
 *
 * @example
 * await defaultRuntime(); // 'onnx' where onnxruntime-node is installed and loads, else 'tfjs'
 */
export async function defaultRuntime(): Promise<RuntimeName> {
  try {
    await import('onnxruntime-node');
    return 'onnx';
  } catch {
    return 'tfjs'; // no usable onnxruntime-node (an unsupported platform, a broken install): the previous default
  }
}

/**
 * The runtime a command runs on: `--runtime` when given (checked against `allowed`); else tfjs when `--backend`
 * names a backend only tfjs has; else {@link defaultRuntime}.
 *
 * @example
 * await chooseRuntime({ backend: 'wasm' });              // 'tfjs'
 * await chooseRuntime({ runtime: 'reference' });         // 'reference'
 * await chooseRuntime({});                               // 'onnx' where onnxruntime-node loads
 */
export async function chooseRuntime(
  flags: { runtime?: string | undefined; backend?: string | undefined },
  allowed?: readonly RuntimeName[],
): Promise<RuntimeName> {
  if (flags.runtime !== undefined) return runtimeName(flags.runtime, 'tfjs', allowed);
  if (flags.backend !== undefined && TFJS_ONLY_BACKENDS.includes(flags.backend)) return 'tfjs';
  return defaultRuntime();
}

/**
 * The help paragraph on choosing a runtime and its backend, shared by the commands that take `--runtime`.
 *
 * @example
 * `${trainUsage}\n\n${RUNTIME_HELP}`;
 */
export const RUNTIME_HELP = `Runtime: without --runtime, onnx (onnxruntime-node) when it loads, else tfjs; a --backend only tfjs has
(${TFJS_ONLY_BACKENDS.join(', ')}) picks tfjs. --backend for onnx: cpu (default), another execution provider onnxruntime-node
lists (cuda, tensorrt, webgpu; a name it lacks lists them) or a preference list such as cuda,cpu; cuda needs
onnxruntime-node's CUDA binaries (${CUDA_INSTALL_COMMAND}; CUDA 12, cuDNN 9).
--backend for tfjs: auto (default: native TensorFlow when tfjs-node is installed, else wasm), tensorflow, wasm, cpu.`;
