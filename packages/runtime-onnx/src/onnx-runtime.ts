import {
  checkedRuntime,
  type CompileOptions,
  type RuntimeCapabilities,
  type TrainableExecutor,
  type TrainableRuntime,
} from '@wrn/core';
import type { ModelSpec } from '@wrn/spec';
import { initWeights, paperRecipe, validateModelSpec, validateOptimizer } from '@wrn/spec';
import { loadOnnxRuntime } from './load-onnxruntime.js';
import { OnnxTrainableExecutor } from './onnx-trainable-executor.js';
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
  supportsTraining: true,
  reportsMemory: true,
  precision: 'float32',
};

/**
 * Creates the ONNX Runtime runtime with onnxruntime-node: its executors train through the standard-op training graphs
 * of `buildTrainingModel` (one session run a step) and infer through the `exportOnnx` graph, on the chosen
 * execution providers. An execution provider that is unknown or
 * whose libraries are not installed gives an `Error` naming it and the fix.
 *
 * @example
 * const runtime = await createOnnxRuntime({ session: { intraOpNumThreads: 2 } });
 * const executor = await runtime.compile(wrn({ depth: 16, widenFactor: 4 }), { weights });
 * const logits = await executor.forward(images, 8);
 */
export async function createOnnxRuntime(options: OnnxRuntimeOptions = {}): Promise<TrainableRuntime> {
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
    // Training sessions decide the memory arena per graph and batch (memoryArenaFor) unless the caller's options say.
    trainingSessionOptions: toSessionOptions(options.session ?? {}, executionProviders),
    memoryArena: options.session?.enableCpuMemArena,
    foldBatchNorm: options.foldBatchNorm ?? false,
  };
  return checkedRuntime<TrainableRuntime>({
    name: 'onnx',
    backend: `${executionProviders[0]}-execution-provider`,
    capabilities: CAPABILITIES,
    async compile(spec: ModelSpec, compileOptions: CompileOptions = {}): Promise<TrainableExecutor> {
      const checked = validateModelSpec(spec);
      const seed = compileOptions.seed ?? 0; // the contract's default seed
      const weights = compileOptions.weights ?? initWeights(checked, seed); // the contract's default: the spec's init
      const optimizer = validateOptimizer(compileOptions.optimizer ?? paperRecipe().optimizer); // the contract's default
      return OnnxTrainableExecutor.create(checked, weights, settings, optimizer, seed);
    },
    /** Nothing of its own to release: each executor owns its session, and disposing the runtime disposes them. */
    dispose() {},
  });
}
