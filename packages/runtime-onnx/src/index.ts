export { exportOnnx, buildOnnxModel } from './export-onnx.js';
export {
  buildTrainingExport,
  exportTrainingOnnx,
  type TrainingExportOptions,
} from './export-training-onnx.js';
export {
  ONNX_INPUT,
  ONNX_IR_VERSION,
  ONNX_LOGITS,
  ONNX_OPSET,
  ONNX_PROBABILITIES,
  ONNX_PRODUCER_NAME,
  ONNX_PRODUCER_VERSION,
  type OnnxExportOptions,
} from './export-options.js';
export { foldConvBatchNorm, inferenceAliases, planBatchNormFolds } from './fold-batch-norm.js';
export {
  FOLDED_BIAS_SUFFIX,
  FOLDED_WEIGHT_SUFFIX,
  layerGraphToOnnx,
  type OnnxNodes,
} from './graph-to-onnx.js';
export { ONNX_METADATA_KEYS, readOnnxMetadata, type OnnxMetadata } from './metadata.js';
export { readOnnxWeights } from './read-weights.js';
export * as onnxHelper from './onnx-helper.js';
export { decodeModel, encodeModel, toNumber } from './onnx-proto.js';
export type {
  AttributeProto,
  DimensionProto,
  GraphProto,
  ModelProto,
  NodeProto,
  TensorProto,
  ValueInfoProto,
} from './onnx-proto.js';
export {
  buildTrainingModel,
  TRAINING_GRAPH_KINDS,
  type TrainingGraphKind,
} from './training/training-graph.js';
export { TRAINING_IO, trainingName } from './training/training-io.js';
export { probeModel } from './probe-model.js';
