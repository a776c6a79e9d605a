import type {
  AttributeProto,
  GraphProto,
  ModelProto,
  NodeProto,
  TensorProto,
  ValueInfoProto,
} from './onnx-proto.js';

/** `onnx.TensorProto.DataType` values used here. @example TENSOR_FLOAT // 1 */
export const TENSOR_FLOAT = 1;
/** `onnx.TensorProto.DataType.UINT8` (dropout keep masks). @example TENSOR_UINT8 // 2 */
export const TENSOR_UINT8 = 2;
/** `onnx.TensorProto.DataType.INT64`. @example TENSOR_INT64 // 7 */
export const TENSOR_INT64 = 7;
/** `onnx.TensorProto.DataType.BOOL`. @example TENSOR_BOOL // 9 */
export const TENSOR_BOOL = 9;

/** `onnx.AttributeProto.AttributeType` values used here. @example ATTRIBUTE_TYPE.INTS // 7 */
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

/** ONNX raw data is little-endian; a typed array's bytes can be copied as they are on such hosts. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** An attribute value as written in {@link makeNode}: a number, an integer list or a string. */
export type AttributeValue = number | number[] | string;

/**
 * Builds an attribute like Python's `onnx.helper.make_attribute`; integers become INT, other numbers FLOAT.
 * Pass `{ float: true }` for a float attribute whose value happens to be an integer.
 *
 * @example
 * makeAttribute('strides', [2, 2]); // INTS
 * makeAttribute('epsilon', 1e-5); // FLOAT
 */
export function makeAttribute(
  name: string,
  value: AttributeValue,
  options: { float?: boolean } = {},
): AttributeProto {
  if (typeof value === 'string')
    return { name, type: ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: ATTRIBUTE_TYPE.INTS, ints: value };
  if (Number.isInteger(value) && !options.float) return { name, type: ATTRIBUTE_TYPE.INT, i: value };
  return { name, type: ATTRIBUTE_TYPE.FLOAT, f: value };
}

/**
 * Builds a node like `onnx.helper.make_node` (default domain, the standard operator set).
 *
 * @example
 * makeNode('Relu', ['x'], ['y'], 'block.relu');
 * makeNode('Conv', ['x', 'w'], ['y'], 'conv', { pads: [1, 1, 1, 1], strides: [1, 1] });
 */
export function makeNode(
  opType: string,
  inputs: string[],
  outputs: string[],
  name: string,
  attributes: Record<string, AttributeValue> = {},
  floatAttributes: readonly string[] = [],
): NodeProto {
  const attribute = Object.entries(attributes).map(([key, value]) =>
    makeAttribute(key, value, { float: floatAttributes.includes(key) }),
  );
  return { name, opType, domain: '', input: inputs, output: outputs, attribute };
}

/**
 * A float32 initializer stored as little-endian `raw_data` (like `make_tensor(..., raw=True)`).
 *
 * @example
 * makeTensor('head.fc.bias', [10], new Float32Array(10));
 */
export function makeTensor(name: string, dims: readonly number[], data: Float32Array): TensorProto {
  let rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (!LITTLE_ENDIAN) {
    rawData = new Uint8Array(data.length * 4);
    const view = new DataView(rawData.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i] ?? 0, true);
  }
  return { name, dims: [...dims], dataType: TENSOR_FLOAT, rawData };
}

/**
 * A bool initializer, one byte per element in `raw_data` (0 false, 1 true), as ONNX stores BOOL.
 *
 * @example
 * makeBoolTensor('momentum_started.head.fc.bias', [], [false]);
 */
export function makeBoolTensor(
  name: string,
  dims: readonly number[],
  values: readonly boolean[],
): TensorProto {
  return { name, dims: [...dims], dataType: TENSOR_BOOL, rawData: Uint8Array.from(values, Number) };
}

/**
 * An int64 initializer (e.g. a Reshape shape).
 *
 * @example
 * makeInt64Tensor('shape', [2], [0, -1]);
 */
export function makeInt64Tensor(
  name: string,
  dims: readonly number[],
  values: readonly number[],
): TensorProto {
  return { name, dims: [...dims], dataType: TENSOR_INT64, int64Data: [...values] };
}

/**
 * A tensor's value info (float32 unless `elemType` says otherwise); string dimensions are dynamic (`dim_param`),
 * numbers fixed.
 *
 * @example
 * makeTensorValueInfo('input', ['N', 3, 32, 32]);
 * makeTensorValueInfo('labels', ['N'], TENSOR_INT64);
 */
export function makeTensorValueInfo(
  name: string,
  shape: readonly (number | string)[],
  elemType: number = TENSOR_FLOAT, // images, weights and logits are float32
): ValueInfoProto {
  const dim = shape.map((size) => (typeof size === 'string' ? { dimParam: size } : { dimValue: size }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/**
 * Builds a graph like `onnx.helper.make_graph`.
 *
 * @example
 * makeGraph(nodes, 'wrn', [makeTensorValueInfo('input', ['N', 3, 32, 32])], outputs, initializers);
 */
export function makeGraph(
  nodes: NodeProto[],
  name: string,
  inputs: ValueInfoProto[],
  outputs: ValueInfoProto[],
  initializers: TensorProto[],
  docString = '',
): GraphProto {
  return { name, node: nodes, input: inputs, output: outputs, initializer: initializers, docString };
}

/**
 * Builds a model like `onnx.helper.make_model`, importing the default-domain operator set `opset`.
 *
 * @example
 * makeModel(graph, { opset: 17, irVersion: 8, producerName: '@wrn/runtime-onnx', producerVersion: '0.1.0' });
 */
export function makeModel(
  graph: GraphProto,
  options: {
    opset: number;
    irVersion: number;
    producerName: string;
    producerVersion: string;
    docString?: string;
  },
  metadata: Record<string, string> = {},
): ModelProto {
  return {
    irVersion: options.irVersion,
    opsetImport: [{ domain: '', version: options.opset }],
    producerName: options.producerName,
    producerVersion: options.producerVersion,
    docString: options.docString ?? '',
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}
