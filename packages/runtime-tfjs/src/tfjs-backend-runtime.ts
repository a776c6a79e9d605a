import * as tf from '@tensorflow/tfjs';
import type { CompileOptions, Runtime, RuntimeCapabilities } from '@wrn/core';
import { initWeights, paperRecipe, type ModelSpec } from '@wrn/spec';
import { checkOptimizer } from './sgd-update.js';
import { TfjsExecutor } from './tfjs-executor.js';

/**
 * Options of {@link createTfjsBackendRuntime}.
 *
 * @example
 * const options: TfjsBackendRuntimeOptions = { runtimeName: 'webgpu', backend: 'webgpu' };
 */
export interface TfjsBackendRuntimeOptions {
  /** `Runtime.name`, e.g. `tfjs` or `webgpu`. */
  runtimeName: string;
  /** A backend already registered on `@tensorflow/tfjs` (e.g. `wasm`, `cpu`, `webgpu`, `tensorflow`). */
  backend: string;
  /** Overrides of the capabilities (all true, float32, by default). */
  capabilities?: Partial<RuntimeCapabilities>;
}

/**
 * Builds a {@link Runtime} on a tfjs backend that is already registered, reusing this package's compiled graph,
 * training step (SGD, BatchNorm statistics, micro-batches) and weight layouts. This is the stable entry point
 * for other backends of the same tfjs instance (`@wrn/runtime-webgpu` uses it for tfjs-backend-webgpu). The
 * backend is made active on each executor call (tfjs has one active backend per process). A backend without
 * the `Conv2DBackpropFilter` kernel cannot train: call {@link registerConvolutionGradientKernels} for it first.
 *
 * @example
 * import '@tensorflow/tfjs-backend-webgpu';
 * const runtime = createTfjsBackendRuntime({ runtimeName: 'webgpu', backend: 'webgpu' });
 * const executor = await runtime.compile(parseModelName('WRN-16-4'));
 */
export function createTfjsBackendRuntime(options: TfjsBackendRuntimeOptions): Runtime {
  const { runtimeName, backend } = options;
  if (!tf.findBackendFactory(backend)) {
    const registered = Object.keys(tf.engine().registryFactory).join(', ');
    throw new Error(
      `tfjs backend '${backend}' is not registered (registered: ${registered}); import its package first`,
    );
  }
  const capabilities: RuntimeCapabilities = {
    supportsTraining: true,
    supportsGradients: true,
    reportsMemory: true,
    precision: 'float32',
    ...options.capabilities,
  };
  return {
    name: runtimeName,
    backend,
    capabilities,
    async compile(spec: ModelSpec, compileOptions: CompileOptions = {}) {
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' failed to initialise`);
      const seed = compileOptions.seed ?? 0; // the contract's default seed
      const optimizer = checkOptimizer(compileOptions.optimizer ?? paperRecipe().optimizer); // the contract's default
      const weights = compileOptions.weights ?? initWeights(spec, seed); // the contract's default: the spec's init
      return new TfjsExecutor(spec, backend, weights, optimizer, seed);
    },
  };
}
