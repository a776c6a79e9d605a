import { checkedRuntime, type CompileOptions, type TrainableRuntime } from '@wrn/core';
import { expandGraph, initWeights, validateModelSpec, type LayerGraph, type ModelSpec } from '@wrn/spec';
import { ReferenceExecutor } from './reference-executor.js';
import { ReferenceModel, type ReferenceModelOptions } from './reference-model.js';

/**
 * Options of {@link createReferenceRuntime}.
 *
 * @example
 * createReferenceRuntime({ precision: 'float32' }); // models a float32 runtime's rounding
 */
export interface ReferenceRuntimeOptions {
  /** `float64` (default: the oracle) or `float32`, rounding every stored value to float32 to model a float32 runtime. */
  precision?: 'float64' | 'float32';
  /** Rewrites each compiled graph; for deliberately broken runtimes in tests (default: the graph as expanded). */
  transformGraph?: (graph: LayerGraph) => LayerGraph;
  /** Replaces the update rule; for deliberately broken runtimes in tests (default: `sgdStep`). */
  optimizerStep?: ReferenceModelOptions['optimizerStep'];
  /** Replaces the dropout masks; for deliberately broken runtimes in tests (default: `dropoutMasks` of `@wrn/spec`). */
  drawMasks?: ReferenceModelOptions['drawMasks'];
}

/**
 * The reference runtime: a deliberately naive float64 interpreter of the spec's layer graph, the oracle every other
 * runtime is compared with. It trains, reports gradients and reports the tensors it holds. Inputs pass the shared
 * checks of `@wrn/core` (`checkedRuntime`), as on every runtime.
 *
 * @example
 * const runtime = createReferenceRuntime();
 * const executor = await runtime.compile(parseModelName('WRN-10-1'), { seed: 1 });
 * const logits = await executor.forward(images, 1);
 */
export function createReferenceRuntime(options: ReferenceRuntimeOptions = {}): TrainableRuntime {
  const precision = options.precision ?? 'float64'; // the oracle's whole point is float64
  if (precision !== 'float64' && precision !== 'float32') {
    throw new RangeError(`precision must be 'float64' or 'float32', got '${String(precision)}'`);
  }
  return checkedRuntime<TrainableRuntime>({
    name: 'reference',
    backend: precision === 'float64' ? 'float64' : 'float32-rounding',
    capabilities: { supportsTraining: true, reportsMemory: true, precision },
    async compile(spec: ModelSpec, compileOptions: CompileOptions = {}) {
      validateModelSpec(spec);
      const seed = compileOptions.seed ?? 0; // the contract's default seed
      const weights = compileOptions.weights ?? initWeights(spec, seed); // the contract's default weights
      const graph = expandGraph(spec);
      const model = new ReferenceModel(spec, weights, {
        graph: options.transformGraph ? options.transformGraph(graph) : graph,
        optimizerStep: options.optimizerStep,
        drawMasks: options.drawMasks,
        optimizer: compileOptions.optimizer,
        seed,
        roundToFloat32: precision === 'float32',
      });
      return new ReferenceExecutor(model);
    },
    /** Nothing to release: the reference holds plain arrays only, which its executors free on dispose. */
    dispose() {},
  });
}
