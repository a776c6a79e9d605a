import {
  checkedRuntime,
  type CompileOptions,
  type InferenceExecutor,
  type Runtime,
  type RuntimeCapabilities,
} from '@wrn/core';
import type { ModelSpec } from '@wrn/spec';
import { initWeights, validateModelSpec } from '@wrn/spec';
import { loadOnnxRuntime } from './load-onnxruntime.js';
import { OnnxExecutor } from './onnx-executor.js';
import { probeProviders } from './probe-providers.js';
import { toSessionOptions, type OnnxSessionOptions } from './session-options.js';

/**
 * Options of {@link createOnnxRuntime}.
 *
 * @example
 * const options: OnnxRuntimeOptions = { executionProviders: ['cuda', 'cpu'], session: { intraOpNumThreads: 4 } };
 */
export interface OnnxRuntimeOptions {
  /** Execution providers in order of preference. Default `['cpu']`: the only one onnxruntime-node always bundles. */
  executionProviders?: string[];
  /** Session settings; see {@link DEFAULT_SESSION_OPTIONS} for the defaults. */
  session?: OnnxSessionOptions;
  /**
   * Folds conv-then-BatchNorm pairs into the exported convolutions before the session is built. Default false:
   * onnxruntime fuses the same pairs itself at every optimisation level from `basic` on, and the benchmark measured
   * no speed difference, so the session gets the canonical file.
   */
  foldBatchNorm?: boolean;
}

const CAPABILITIES: RuntimeCapabilities = {
  supportsTraining: false,
  reportsMemory: false,
  precision: 'float32',
};

/**
 * Creates the ONNX Runtime runtime (inference only) with onnxruntime-node: compile exports the spec and weights
 * with `exportOnnx` and opens a session on the chosen execution providers. An execution provider that is unknown or
 * whose libraries are not installed gives an `Error` naming it and the fix.
 *
 * @example
 * const runtime = await createOnnxRuntime({ session: { intraOpNumThreads: 2 } });
 * const executor = await runtime.compile(wrn({ depth: 16, widenFactor: 4 }), { weights });
 * const logits = await executor.forward(images, 8);
 */
export async function createOnnxRuntime(options: OnnxRuntimeOptions = {}): Promise<Runtime> {
  const ort = await loadOnnxRuntime();
  const executionProviders = options.executionProviders ?? ['cpu'];
  if (executionProviders.length === 0) {
    throw new RangeError("executionProviders is empty; pass at least one, e.g. ['cpu']");
  }
  const available = ort.listSupportedBackends().map((backend) => backend.name);
  const unknown = executionProviders.filter((provider) => !available.includes(provider));
  if (unknown.length > 0) {
    throw new Error(
      `onnx runtime: execution provider(s) ${unknown.join(', ')} not available in this onnxruntime-node ` +
        `(available: ${available.join(', ')}); for CUDA install onnxruntime-node with its CUDA binaries`,
    );
  }
  await probeProviders(ort, executionProviders);
  const settings = {
    ort,
    sessionOptions: toSessionOptions(options.session ?? {}, executionProviders),
    foldBatchNorm: options.foldBatchNorm ?? false,
  };
  return checkedRuntime<Runtime>({
    name: 'onnx',
    backend: `${executionProviders[0]}-execution-provider`,
    capabilities: CAPABILITIES,
    async compile(spec: ModelSpec, compileOptions: CompileOptions = {}): Promise<InferenceExecutor> {
      const checked = validateModelSpec(spec);
      const weights = compileOptions.weights ?? initWeights(checked, compileOptions.seed ?? 0);
      return OnnxExecutor.create(checked, weights, settings);
    },
    /** Nothing of its own to release: each executor owns its session, and disposing the runtime disposes them. */
    dispose() {},
  });
}
