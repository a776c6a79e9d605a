import * as tf from '@tensorflow/tfjs';
import {
  checkedRuntime,
  type CompileOptions,
  type Runtime,
  type RuntimeCapabilities,
  type TrainableRuntime,
} from '@wrn/core';
import { initWeights, paperRecipe, type ModelSpec, type SgdSpec, type WeightMap } from '@wrn/spec';
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
  /** Overrides of `reportsMemory` and `precision` (true and float32 by default); tfjs executors always train. */
  capabilities?: Partial<Omit<RuntimeCapabilities, 'supportsTraining'>>;
}

/**
 * Builds a trainable {@link Runtime} on a tfjs backend that is already registered, reusing this package's compiled graph,
 * training step (SGD, BatchNorm statistics, micro-batches) and weight layouts. This is the stable entry point
 * for other backends of the same tfjs instance (`@wrn/runtime-webgpu` uses it for tfjs-backend-webgpu). The
 * backend is made active on each executor call (tfjs has one active backend per process). A backend without
 * the `Conv2DBackpropFilter` kernel cannot train: call {@link registerConvolutionGradientKernels} for it first.
 * Inputs pass the shared checks of `@wrn/core`; `dispose()` disposes the executors and leaves the backend
 * registered (tfjs shares it process-wide).
 *
 * @example
 * import '@tensorflow/tfjs-backend-webgpu';
 * const runtime = createTfjsBackendRuntime({ runtimeName: 'webgpu', backend: 'webgpu' });
 * const executor = await runtime.compile(parseModelName('WRN-16-4'));
 */
export function createTfjsBackendRuntime(options: TfjsBackendRuntimeOptions): TrainableRuntime {
  return checkedRuntime<TrainableRuntime>(uncheckedTfjsBackendRuntime(options));
}

/**
 * {@link createTfjsBackendRuntime} without the shared checks, compiling bare {@link TfjsExecutor}s: what
 * `createTfjsRuntime` wraps (the data-parallel runtime keeps its name, backend and capabilities and compiles its own
 * models). Internal.
 *
 * @example
 * const local = await uncheckedTfjsBackendRuntime({ runtimeName: 'tfjs', backend: 'wasm' }).compile(spec);
 */
export function uncheckedTfjsBackendRuntime(options: TfjsBackendRuntimeOptions): Runtime<TfjsExecutor> {
  const { runtimeName, backend } = options;
  if (!tf.findBackendFactory(backend)) {
    const registered = Object.keys(tf.engine().registryFactory).join(', ');
    throw new Error(
      `tfjs backend '${backend}' is not registered (registered: ${registered}); import its package first`,
    );
  }
  const capabilities: RuntimeCapabilities = {
    reportsMemory: true,
    precision: 'float32',
    ...options.capabilities,
    supportsTraining: true,
  };
  return {
    name: runtimeName,
    backend,
    capabilities,
    async compile(spec: ModelSpec, compileOptions: CompileOptions = {}) {
      const { weights, optimizer, seed } = await prepareCompile(backend, spec, compileOptions);
      return new TfjsExecutor(spec, backend, weights, optimizer, seed);
    },
    /** Nothing of its own to release: the backend stays registered for the process (tfjs shares it). */
    dispose() {},
  };
}

/**
 * The first part of compiling on a tfjs backend: makes `backend` the active one, and fills in the contract's
 * defaults (seed 0, the paper's optimizer, the spec's initialisation from the seed). Internal: shared by the
 * single-thread and data-parallel runtimes.
 *
 * @example
 * const { weights, optimizer, seed } = await prepareCompile('wasm', spec, { seed: 1 });
 */
export async function prepareCompile(
  backend: string,
  spec: ModelSpec,
  options: CompileOptions,
): Promise<{ weights: WeightMap; optimizer: SgdSpec; seed: number }> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' failed to initialise`);
  const seed = options.seed ?? 0; // the contract's default seed
  const optimizer = options.optimizer ?? paperRecipe().optimizer; // the contract's default
  const weights = options.weights ?? initWeights(spec, seed); // the contract's default: the spec's init
  return { weights, optimizer, seed };
}
