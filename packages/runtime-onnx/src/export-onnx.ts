import type { ModelSpec, WeightMap } from '@wrn/spec';
import { expandGraph, formatModelName, specToJson, validateModelSpec } from '@wrn/spec';
import { checkWeights } from '@wrn/core';
import {
  ONNX_INPUT,
  ONNX_IR_VERSION,
  ONNX_LOGITS,
  ONNX_OPSET,
  ONNX_PROBABILITIES,
  ONNX_PRODUCER_NAME,
  ONNX_PRODUCER_VERSION,
  type OnnxExportOptions,
} from './export-options.js';
import { layerGraphToOnnx } from './graph-to-onnx.js';
import { ONNX_METADATA_KEYS } from './metadata.js';
import { makeGraph, makeModel, makeNode, makeTensorValueInfo } from './onnx-helper.js';
import { encodeModel, type ModelProto } from './onnx-proto.js';

/**
 * Builds the ONNX `ModelProto` of a network in eval mode (see {@link exportOnnx}, which serialises it).
 *
 * @example
 * const model = buildOnnxModel(spec, weights, {});
 * model.graph.node.map((node) => node.opType);
 */
export function buildOnnxModel(
  spec: ModelSpec,
  weights: WeightMap,
  options: OnnxExportOptions = {},
): ModelProto {
  const checked = validateModelSpec(spec);
  checkWeights(checked, expandGraph(checked).parameters, weights, 'exportOnnx(spec, weights)');
  return assembleOnnxModel(checked, weights, options);
}

/**
 * {@link buildOnnxModel} without the weight check, for weights an executor produced itself (a diverged run's
 * infinite running variance then gives non-finite logits, which the training loop's guard reports, rather than an
 * error blaming the caller's weights). Internal.
 *
 * @example
 * const model = assembleOnnxModel(validateModelSpec(spec), executorWeights, {});
 */
export function assembleOnnxModel(
  checked: ModelSpec,
  weights: WeightMap,
  options: OnnxExportOptions = {},
): ModelProto {
  const graph = expandGraph(checked);
  const batch = options.batchDimension ?? 'N';
  const { nodes, initializers, foldedBatchNorms } = layerGraphToOnnx(graph, weights, {
    foldBatchNorm: options.foldBatchNorm ?? false,
  });
  const outputs = [makeTensorValueInfo(ONNX_LOGITS, [batch, checked.numClasses])];
  if (options.probabilities) {
    nodes.push(makeNode('Softmax', [ONNX_LOGITS], [ONNX_PROBABILITIES], 'head.softmax', { axis: 1 }));
    outputs.push(makeTensorValueInfo(ONNX_PROBABILITIES, [batch, checked.numClasses]));
  }
  const { channels, height, width, mean, std } = checked.input;
  const name = formatModelName(checked);
  const input = makeTensorValueInfo(ONNX_INPUT, [batch, channels, height, width]);
  const classNames = options.classNames ?? checked.classNames;
  if (classNames && classNames.length !== checked.numClasses) {
    throw new RangeError(
      `classNames has ${classNames.length} entries but the spec has ${checked.numClasses} classes; pass one name per class`,
    );
  }
  const metadata: Record<string, string> = {
    [ONNX_METADATA_KEYS.spec]: specToJson(checked),
    [ONNX_METADATA_KEYS.modelName]: name,
    [ONNX_METADATA_KEYS.normalization]: JSON.stringify({ mean, std }),
    [ONNX_METADATA_KEYS.foldedBatchNorms]: JSON.stringify(foldedBatchNorms),
    ...(classNames ? { [ONNX_METADATA_KEYS.classNames]: JSON.stringify(classNames) } : {}),
  };
  const docString =
    options.docString ??
    `${name} (${checked.variant} variant, ${checked.numClasses} classes) in eval mode; input normalised NCHW float32.`;
  return makeModel(
    makeGraph(nodes, name, [input], outputs, initializers),
    {
      opset: ONNX_OPSET,
      irVersion: ONNX_IR_VERSION,
      producerName: ONNX_PRODUCER_NAME,
      producerVersion: ONNX_PRODUCER_VERSION,
      docString,
    },
    metadata,
  );
}

/**
 * Exports a network and its weights as ONNX `ModelProto` bytes: input `input` float32 `[N, 3, H, W]` (dynamic batch),
 * output `logits` `[N, classes]` (and `probabilities` on request), opset {@link ONNX_OPSET}, initializers under the
 * canonical parameter names, spec and class names in `metadata_props`. Browser-safe (no Node APIs).
 * Missing, unknown or misshapen weights give a `TypeError`/`RangeError` naming the parameter.
 *
 * @example
 * const spec = wrn({ depth: 16, widenFactor: 4 });
 * const bytes = exportOnnx(spec, initWeights(spec, 0), { foldBatchNorm: true });
 * writeFileSync('wrn-16-4.onnx', bytes);
 */
export function exportOnnx(spec: ModelSpec, weights: WeightMap, options: OnnxExportOptions = {}): Uint8Array {
  return encodeModel(buildOnnxModel(spec, weights, options));
}
