import { checkWeights } from '@wrn/core';
import {
  elementCount,
  expandGraph,
  paperRecipe,
  validateModelSpec,
  validateOptimizer,
  type ModelSpec,
  type SgdSpec,
  type WeightMap,
} from '@wrn/spec';
import { makeBoolTensor, makeTensor } from './onnx-helper.js';
import { encodeModel, type ModelProto, type TensorProto } from './onnx-proto.js';
import {
  buildTrainingModel,
  TRAINING_GRAPH_KINDS,
  type TrainingGraphKind,
} from './training/training-graph.js';
import { trainingName } from './training/training-io.js';

/**
 * Options of {@link exportTrainingOnnx}.
 *
 * @example
 * const options: TrainingExportOptions = { graph: 'step', optimizer: paperRecipe().optimizer, batchDimension: 'N' };
 */
export interface TrainingExportOptions {
  /** Which training graph (see `TRAINING_GRAPH_KINDS`). Default `'step'`: one run is one whole SGD step. */
  graph?: TrainingGraphKind;
  /** The SGD settings built into the graph (its `learningRate` is unused: the rate is an input). Default the paper's. */
  optimizer?: SgdSpec;
  /** Name of the dynamic batch dimension. Default `'N'`, as the inference export. */
  batchDimension?: string;
}

/**
 * Builds the `ModelProto` of {@link exportTrainingOnnx}: `buildTrainingModel`'s graph plus an initializer for every
 * state input (weights, running statistics, zero momentum and accumulated-gradient buffers, false
 * `momentum_started` flags), each still a graph input so a caller may feed its own value.
 *
 * @example
 * const model = buildTrainingExport(spec, initWeights(spec, 0), { graph: 'gradients' });
 * model.graph.initializer.length;
 */
export function buildTrainingExport(
  spec: ModelSpec,
  weights: WeightMap,
  options: TrainingExportOptions = {},
): ModelProto {
  const checked = validateModelSpec(spec);
  const graph = expandGraph(checked);
  checkWeights(checked, graph.parameters, weights, 'exportTrainingOnnx(spec, weights)');
  const kind = options.graph ?? 'step'; // one session run is a whole SGD step: the simplest graph for another engine to train with
  if (!TRAINING_GRAPH_KINDS.includes(kind)) {
    throw new RangeError(
      `exportTrainingOnnx: graph '${String(kind)}' is not a training graph; use one of ${TRAINING_GRAPH_KINDS.join(', ')}`,
    );
  }
  const optimizer = validateOptimizer(options.optimizer ?? paperRecipe().optimizer); // the recipe the project trains with
  const model = buildTrainingModel(checked, kind, optimizer, options.batchDimension ?? 'N'); // as exportOnnx
  const defaults = new Map<string, () => TensorProto>();
  for (const { name, shape } of graph.parameters) {
    const zeros = (key: string) => () => makeTensor(key, shape, new Float32Array(elementCount(shape)));
    defaults.set(name, () => makeTensor(name, shape, weights.get(name)!.data));
    defaults.set(trainingName.momentum(name), zeros(trainingName.momentum(name)));
    defaults.set(trainingName.accumulated(name), zeros(trainingName.accumulated(name)));
    const started = trainingName.momentumStarted(name);
    defaults.set(started, () => makeBoolTensor(started, [], [false]));
  }
  for (const input of model.graph.input) {
    const value = defaults.get(input.name);
    if (value) model.graph.initializer.push(value());
  }
  return model;
}

/**
 * Exports a training graph of a network as self-contained ONNX bytes: the graph of `buildTrainingModel` (standard
 * opset-17 operators) with the current weights and running statistics, zero momentum buffers and (micro-batch graph)
 * zero gradient sums as initializers that are also graph inputs, ONNX's overridable defaults. Any ONNX engine runs the
 * first step feeding only `input`, `labels`, `learning_rate` and the dropout masks, and later steps by feeding the
 * `updated.*` outputs back. The spec, graph kind and optimizer travel in `metadata_props`. Browser-safe.
 * Missing, unknown or misshapen weights give the same errors as `exportOnnx`.
 *
 * @example
 * const spec = wrn({ depth: 16, widenFactor: 2, dropout: 0 });
 * const bytes = exportTrainingOnnx(spec, initWeights(spec, 0), { graph: 'step' });
 * writeFileSync('wrn-16-2-step.onnx', bytes);
 */
export function exportTrainingOnnx(
  spec: ModelSpec,
  weights: WeightMap,
  options: TrainingExportOptions = {},
): Uint8Array {
  return encodeModel(buildTrainingExport(spec, weights, options));
}
