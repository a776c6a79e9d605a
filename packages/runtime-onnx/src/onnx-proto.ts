import protobuf from 'protobufjs/light.js';
import { ONNX_SCHEMA } from './onnx-schema.js';

/** `onnx.TensorProto` (the fields used here; int64 values may decode as `Long`-like objects). */
export interface TensorProto {
  name: string;
  dims: (number | Long)[];
  dataType: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int64Data?: (number | Long)[];
}

/** A 64-bit integer as protobuf.js decodes it (`long` package) when it does not fit a JS number. */
export interface Long {
  toNumber(): number;
}

/** `onnx.AttributeProto`. */
export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number | Long;
  s?: Uint8Array;
  floats?: number[];
  ints?: (number | Long)[];
}

/** `onnx.NodeProto`. */
export interface NodeProto {
  name: string;
  opType: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: AttributeProto[];
}

/** `onnx.TensorShapeProto.Dimension`: a fixed size or a named (dynamic) one. */
export interface DimensionProto {
  dimValue?: number | Long;
  dimParam?: string;
}

/** `onnx.ValueInfoProto` of a tensor value. */
export interface ValueInfoProto {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: DimensionProto[] } } };
}

/** `onnx.GraphProto`. */
export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  docString?: string;
}

/** `onnx.ModelProto`. */
export interface ModelProto {
  irVersion: number | Long;
  opsetImport: { domain: string; version: number | Long }[];
  producerName: string;
  producerVersion: string;
  docString?: string;
  graph: GraphProto;
  metadataProps: { key: string; value: string }[];
}

const root = protobuf.Root.fromJSON(ONNX_SCHEMA as protobuf.INamespace);
const ModelType = root.lookupType('onnx.ModelProto');

/**
 * Serialises a model to ONNX protobuf bytes.
 *
 * @example
 * const bytes = encodeModel(makeModel(graph, { opset: 17 }));
 */
export function encodeModel(model: ModelProto): Uint8Array {
  return ModelType.encode(ModelType.fromObject(model)).finish();
}

/**
 * Parses ONNX protobuf bytes; a file that is not a model gives a `TypeError` naming the cause.
 *
 * @example
 * const model = decodeModel(readFileSync('wrn.onnx'));
 * model.graph.node.length;
 */
export function decodeModel(bytes: Uint8Array): ModelProto {
  let message: protobuf.Message;
  try {
    message = ModelType.decode(bytes);
  } catch (error) {
    throw new TypeError(`bytes are not an ONNX ModelProto: ${(error as Error).message}`);
  }
  const model = ModelType.toObject(message, { arrays: true, defaults: true }) as ModelProto;
  if (!model.graph) throw new TypeError('bytes are not an ONNX ModelProto: no graph found');
  return model;
}

/**
 * A protobuf int64 as a JS number.
 *
 * @example
 * toNumber(model.irVersion); // 8
 */
export function toNumber(value: number | Long | undefined): number {
  if (value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
