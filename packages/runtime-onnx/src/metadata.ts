import type { ModelSpec, SgdSpec } from '@wrn/spec';
import { specFromJson, validateOptimizer } from '@wrn/spec';
import { decodeModel } from './onnx-proto.js';
import type { TrainingGraphKind } from './training/training-graph.js';

/**
 * Keys of the `metadata_props` an exported file carries, so it describes itself to any ONNX engine.
 *
 * @example
 * ONNX_METADATA_KEYS.spec; // 'wrn.spec'
 */
export const ONNX_METADATA_KEYS = {
  /** The spec as JSON (`specToJson`). */
  spec: 'wrn.spec',
  /** Class names as a JSON array of strings (only when the spec or the options name them). */
  classNames: 'wrn.class_names',
  /** The model's name, e.g. `WRN-28-10`. */
  modelName: 'wrn.model_name',
  /** Per-channel input normalisation, JSON `{ mean, std }` (pixels in [0, 1]). */
  normalization: 'wrn.input_normalization',
  /** JSON array of the BatchNorm layers folded into convolutions (`[]` when none). */
  foldedBatchNorms: 'wrn.folded_batch_norms',
  /** Training graphs only: which graph the file holds (`step`, `micro-batch`, ...; see `TRAINING_GRAPH_KINDS`). */
  trainingGraph: 'wrn.training_graph',
  /** Training graphs only: the SGD settings built into the graph, JSON `SgdSpec` (its learningRate is unused). */
  optimizer: 'wrn.optimizer',
} as const;

/**
 * What {@link readOnnxMetadata} returns.
 *
 * @example
 * const { spec, classNames, foldedBatchNorms } = readOnnxMetadata(bytes);
 */
export interface OnnxMetadata {
  spec: ModelSpec;
  classNames?: string[];
  foldedBatchNorms: string[];
  /** The training graph a file of `exportTrainingOnnx` holds; absent in an inference export. */
  trainingGraph?: TrainingGraphKind;
  /** The optimizer built into a training graph; absent in an inference export. */
  optimizer?: SgdSpec;
  /** Every `metadata_props` entry, raw. */
  properties: Record<string, string>;
}

/**
 * Reads the spec, class names and folding record back from an exported file, and for a training graph its kind
 * and optimizer. Throws a `TypeError` when the file was not written by {@link exportOnnx} or `exportTrainingOnnx`
 * (no `wrn.spec` entry).
 *
 * @example
 * const { spec } = readOnnxMetadata(readFileSync('wrn-28-10.onnx'));
 * const { trainingGraph, optimizer } = readOnnxMetadata(readFileSync('wrn-28-10-step.onnx'));
 */
export function readOnnxMetadata(bytes: Uint8Array): OnnxMetadata {
  const properties = Object.fromEntries(
    decodeModel(bytes).metadataProps.map(({ key, value }) => [key, value]),
  );
  const specJson = properties[ONNX_METADATA_KEYS.spec];
  if (specJson === undefined) {
    throw new TypeError(
      `the ONNX file has no '${ONNX_METADATA_KEYS.spec}' metadata; export it with exportOnnx`,
    );
  }
  const classNames = properties[ONNX_METADATA_KEYS.classNames];
  const folded = properties[ONNX_METADATA_KEYS.foldedBatchNorms];
  const trainingGraph = properties[ONNX_METADATA_KEYS.trainingGraph];
  const optimizer = properties[ONNX_METADATA_KEYS.optimizer];
  return {
    spec: specFromJson(specJson),
    ...(classNames === undefined ? {} : { classNames: JSON.parse(classNames) as string[] }),
    foldedBatchNorms: folded === undefined ? [] : (JSON.parse(folded) as string[]),
    ...(trainingGraph === undefined ? {} : { trainingGraph: trainingGraph as TrainingGraphKind }),
    ...(optimizer === undefined
      ? {}
      : { optimizer: validateOptimizer(JSON.parse(optimizer), 'wrn.optimizer') }),
    properties,
  };
}
