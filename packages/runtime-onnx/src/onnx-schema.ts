/*
 * The subset of the ONNX protobuf schema (onnx.proto, IR version 8, package `onnx`) that a Wide ResNet file needs,
 * as a protobuf.js JSON descriptor. Field numbers, types and packing are copied from onnx.proto of ONNX 1.12.
 *
 * Upstream: https://github.com/onnx/onnx/blob/main/onnx/onnx.in.proto
 * Copyright (c) ONNX Project Contributors. SPDX-License-Identifier: Apache-2.0
 * Only the messages below are reproduced (fields for sparse tensors, training info and functions are omitted);
 * a parser skips unknown fields, so files written with this subset are valid ONNX.
 */

type FieldDescriptor = { type: string; id: number; rule?: 'repeated'; options?: { packed: boolean } };
type MessageDescriptor = { fields: Record<string, FieldDescriptor>; nested?: Record<string, unknown> };

const repeated = (type: string, id: number, packed?: boolean): FieldDescriptor =>
  packed === undefined ? { type, id, rule: 'repeated' } : { type, id, rule: 'repeated', options: { packed } };

const StringStringEntryProto: MessageDescriptor = {
  fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } },
};

const OperatorSetIdProto: MessageDescriptor = {
  fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
};

const TensorProto: MessageDescriptor = {
  fields: {
    dims: repeated('int64', 1),
    dataType: { type: 'int32', id: 2 },
    floatData: repeated('float', 4, true),
    int32Data: repeated('int32', 5, true),
    stringData: repeated('bytes', 6),
    int64Data: repeated('int64', 7, true),
    name: { type: 'string', id: 8 },
    docString: { type: 'string', id: 12 },
    rawData: { type: 'bytes', id: 9 },
    externalData: repeated('StringStringEntryProto', 13),
    dataLocation: { type: 'int32', id: 14 },
    doubleData: repeated('double', 10, true),
    uint64Data: repeated('uint64', 11, true),
  },
};

const TensorShapeProto: MessageDescriptor = {
  fields: { dim: repeated('Dimension', 1) },
  nested: {
    Dimension: {
      fields: {
        dimValue: { type: 'int64', id: 1 },
        dimParam: { type: 'string', id: 2 },
        denotation: { type: 'string', id: 3 },
      },
    },
  },
};

const TypeProto: MessageDescriptor = {
  fields: { tensorType: { type: 'Tensor', id: 1 }, denotation: { type: 'string', id: 6 } },
  nested: {
    Tensor: {
      fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
    },
  },
};

const ValueInfoProto: MessageDescriptor = {
  fields: {
    name: { type: 'string', id: 1 },
    type: { type: 'TypeProto', id: 2 },
    docString: { type: 'string', id: 3 },
  },
};

const AttributeProto: MessageDescriptor = {
  fields: {
    name: { type: 'string', id: 1 },
    refAttrName: { type: 'string', id: 21 },
    docString: { type: 'string', id: 13 },
    type: { type: 'int32', id: 20 },
    f: { type: 'float', id: 2 },
    i: { type: 'int64', id: 3 },
    s: { type: 'bytes', id: 4 },
    t: { type: 'TensorProto', id: 5 },
    g: { type: 'GraphProto', id: 6 },
    tp: { type: 'TypeProto', id: 14 },
    floats: repeated('float', 7),
    ints: repeated('int64', 8),
    strings: repeated('bytes', 9),
    tensors: repeated('TensorProto', 10),
    graphs: repeated('GraphProto', 11),
  },
};

const NodeProto: MessageDescriptor = {
  fields: {
    input: repeated('string', 1),
    output: repeated('string', 2),
    name: { type: 'string', id: 3 },
    opType: { type: 'string', id: 4 },
    domain: { type: 'string', id: 7 },
    attribute: repeated('AttributeProto', 5),
    docString: { type: 'string', id: 6 },
  },
};

const GraphProto: MessageDescriptor = {
  fields: {
    node: repeated('NodeProto', 1),
    name: { type: 'string', id: 2 },
    initializer: repeated('TensorProto', 5),
    docString: { type: 'string', id: 10 },
    input: repeated('ValueInfoProto', 11),
    output: repeated('ValueInfoProto', 12),
    valueInfo: repeated('ValueInfoProto', 13),
  },
};

const ModelProto: MessageDescriptor = {
  fields: {
    irVersion: { type: 'int64', id: 1 },
    opsetImport: repeated('OperatorSetIdProto', 8),
    producerName: { type: 'string', id: 2 },
    producerVersion: { type: 'string', id: 3 },
    domain: { type: 'string', id: 4 },
    modelVersion: { type: 'int64', id: 5 },
    docString: { type: 'string', id: 6 },
    graph: { type: 'GraphProto', id: 7 },
    metadataProps: repeated('StringStringEntryProto', 14),
  },
};

/**
 * The protobuf.js JSON descriptor of the ONNX messages used here (package `onnx`).
 *
 * @example
 * import protobuf from 'protobufjs/light.js';
 * const ModelType = protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType('onnx.ModelProto');
 */
export const ONNX_SCHEMA = {
  nested: {
    onnx: {
      nested: {
        StringStringEntryProto,
        OperatorSetIdProto,
        TensorProto,
        TensorShapeProto,
        TypeProto,
        ValueInfoProto,
        AttributeProto,
        NodeProto,
        GraphProto,
        ModelProto,
      },
    },
  },
};
