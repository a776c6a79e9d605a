import { makeGraph, makeModel, makeNode, makeTensorValueInfo } from './onnx-helper.js';
import { encodeModel } from './onnx-proto.js';

/**
 * A one-node model (Relu on a [1] tensor): opening a session on it makes onnxruntime load an execution provider.
 *
 * @example
 * await ort.InferenceSession.create(probeModel(), { executionProviders: ['cuda'] });
 */
export function probeModel(): Uint8Array {
  const graph = makeGraph(
    [makeNode('Relu', ['x'], ['y'], 'probe')],
    'probe',
    [makeTensorValueInfo('x', [1])],
    [makeTensorValueInfo('y', [1])],
    [],
  );
  return encodeModel(
    makeModel(graph, { opset: 17, irVersion: 8, producerName: 'probe', producerVersion: '0' }),
  );
}
