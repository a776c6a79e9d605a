import type { ModelSpec } from '@wrn/spec';
import { specFromJson } from '@wrn/spec';
import { decodeModel } from './onnx-proto.js';

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
  /** Every `metadata_props` entry, raw. */
  properties: Record<string, string>;
}

/**
 * Reads the spec, class names and folding record back from an exported file.
 * Throws a `TypeError` when the file was not written by {@link exportOnnx} (no `wrn.spec` entry).
 *
 * @example
 * const { spec } = readOnnxMetadata(readFileSync('wrn-28-10.onnx'));
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
  return {
    spec: specFromJson(specJson),
    ...(classNames === undefined ? {} : { classNames: JSON.parse(classNames) as string[] }),
    foldedBatchNorms: folded === undefined ? [] : (JSON.parse(folded) as string[]),
    properties,
  };
}
