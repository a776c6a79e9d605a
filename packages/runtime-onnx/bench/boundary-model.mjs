// The step boundary on its own: a session whose outputs are its inputs (every weight, running statistic and momentum
// buffer), run as a step is run, so its time is what feeding the state in and reading it back costs.
import { encodeModel, onnxHelper } from '@wrn/runtime-onnx';

/**
 * Median milliseconds of a pass-through run over the training state of `graph` (weights and momentum buffers).
 * @example await buildBoundaryModel(ort, expandGraph(spec), initWeights(spec, 1), 2)
 */
export async function buildBoundaryModel(ort, graph, weights, threads) {
  const inputs = [];
  const outputs = [];
  const nodes = [];
  const feeds = {};
  const add = (name, shape, data) => {
    inputs.push(onnxHelper.makeTensorValueInfo(name, shape));
    outputs.push(onnxHelper.makeTensorValueInfo(`updated.${name}`, shape));
    // Add 0 rather than Identity, so onnxruntime cannot hand the input buffer back unchanged.
    nodes.push(onnxHelper.makeNode('Add', [name, 'zero'], [`updated.${name}`], name));
    feeds[name] = new ort.Tensor('float32', data, shape);
  };
  for (const parameter of graph.parameters) {
    add(parameter.name, parameter.shape, weights.get(parameter.name).data);
    if (parameter.trainable)
      add(
        `momentum.${parameter.name}`,
        parameter.shape,
        new Float32Array(weights.get(parameter.name).data.length),
      );
  }
  const zero = onnxHelper.makeTensor('zero', [], new Float32Array([0]));
  const graphProto = onnxHelper.makeGraph(nodes, 'boundary', inputs, outputs, [zero]);
  const bytes = encodeModel(
    onnxHelper.makeModel(graphProto, {
      opset: 17,
      irVersion: 8,
      producerName: 'bench',
      producerVersion: '0',
    }),
  );
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads });
  const times = [];
  for (let run = 0; run < 6; run++) {
    const start = performance.now();
    await session.run(feeds);
    if (run > 0) times.push(performance.now() - start);
  }
  await session.release();
  return [...times].sort((a, b) => a - b)[times.length >> 1];
}
