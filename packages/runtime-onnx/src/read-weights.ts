import type { WeightMap } from '@wrn/spec';
import { expandGraph } from '@wrn/spec';
import { checkWeights } from '@wrn/core';
import { TENSOR_FLOAT } from './onnx-helper.js';
import { decodeModel, toNumber } from './onnx-proto.js';
import { readOnnxMetadata } from './metadata.js';

/**
 * Reads the canonical weights back from a file written by {@link exportOnnx} without BatchNorm folding
 * (folded files no longer hold the separate conv and BN parameters: a `TypeError` says so).
 *
 * @example
 * const weights = readOnnxWeights(exportOnnx(spec, original)); // equal to `original`
 */
export function readOnnxWeights(bytes: Uint8Array): WeightMap {
  const { spec, foldedBatchNorms } = readOnnxMetadata(bytes);
  if (foldedBatchNorms.length > 0) {
    throw new TypeError(
      `the ONNX file has ${foldedBatchNorms.length} BatchNorm(s) folded into convolutions, so its canonical ` +
        'weights cannot be recovered; read the weights from a file exported with foldBatchNorm: false',
    );
  }
  const graph = expandGraph(spec);
  const initializers = new Map(decodeModel(bytes).graph.initializer.map((tensor) => [tensor.name, tensor]));
  const weights: WeightMap = new Map();
  for (const parameter of graph.parameters) {
    const tensor = initializers.get(parameter.name);
    if (!tensor) continue; // checkWeights below names every missing parameter at once
    if (tensor.dataType !== TENSOR_FLOAT || !tensor.rawData) {
      throw new TypeError(
        `initializer '${parameter.name}' is not float32 raw data; re-export the file with exportOnnx`,
      );
    }
    const raw = tensor.rawData;
    const data = new Float32Array(raw.byteLength / 4);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
    weights.set(parameter.name, { shape: tensor.dims.map(toNumber), data });
  }
  checkWeights(spec, graph.parameters, weights, 'readOnnxWeights(bytes)');
  return weights;
}
