import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { dropoutMasks, expandGraph, initWeights, paperRecipe, Random, wrn, type WeightMap } from '@wrn/spec';
import { referenceBackward, referenceForward, softmaxCrossEntropy, toFloat64 } from '@wrn/runtime-reference';
import { encodeModel } from '../src/onnx-proto.js';
import { buildTrainingModel, TRAINING_GRAPH_KINDS, TRAINING_IO, trainingName } from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 2, dropout: 0.3, inputSize: 8 });
const graph = expandGraph(spec);

/** The operators of the ONNX standard (opset 17) that the training graphs may use. */
const STANDARD_OPS = new Set(
  'Add Sub Mul Div Neg Sqrt Reciprocal Exp Relu Greater Equal Where Cast Size Shape Identity Conv ConvTranspose Gemm MatMul ReduceSum ReduceSumSquare ReduceMean GlobalAveragePool Flatten Reshape Transpose Expand Pad Slice Concat Unsqueeze LogSoftmax GatherElements OneHot ArgMax'.split(
    ' ',
  ),
);

describe('buildTrainingModel', () => {
  it.each(TRAINING_GRAPH_KINDS)('writes the %s graph in default-domain opset-17 operators only', (kind) => {
    const model = buildTrainingModel(spec, kind, paperRecipe().optimizer);
    expect(model.opsetImport).toEqual([{ domain: '', version: 17 }]);
    expect(model.graph.initializer.every((tensor) => tensor.dims.length <= 1)).toBe(true); // constants, no state
    for (const node of model.graph.node) {
      expect(node.domain ?? '').toBe('');
      expect(STANDARD_OPS, node.opType).toContain(node.opType);
    }
  });

  it('gives the float64 reference gradients, dropout masks included, within 1e-5 of each largest gradient', async () => {
    const weights = initWeights(spec, 3);
    const size = 4;
    const random = new Random(5);
    const images = Float32Array.from({ length: size * 3 * 64 }, () => random.normal());
    const labels = Int32Array.from({ length: size }, () => random.integer(10));
    const masks = dropoutMasks(graph, 77, { start: 0, size });
    const outputs = await runGradients(weights, images, labels, masks);
    const forward = referenceForward(
      graph,
      toFloat64(weights),
      { shape: [size, 3, 8, 8], data: Float64Array.from(images) },
      {
        training: true,
        dropoutMasks: masks,
      },
    );
    const { loss, dLogits } = softmaxCrossEntropy(forward.logits, labels);
    const expected = referenceBackward(graph, toFloat64(weights), forward, dLogits, { dropoutMasks: masks });
    expect(outputs[TRAINING_IO.loss]!.data[0]).toBeCloseTo(loss, 5);
    for (const [name, gradient] of expected) {
      const actual = outputs[trainingName.gradient(name)]!.data as Float32Array;
      let scale = 0;
      let error = 0;
      gradient.data.forEach((value, index) => {
        scale = Math.max(scale, Math.abs(value));
        error = Math.max(error, Math.abs(value - actual[index]!));
      });
      expect(error / scale, name).toBeLessThan(1e-5);
    }
  });
});

async function runGradients(
  weights: WeightMap,
  images: Float32Array,
  labels: Int32Array,
  masks: Map<string, Uint8Array>,
) {
  const session = await ort.InferenceSession.create(
    encodeModel(buildTrainingModel(spec, 'gradients', paperRecipe().optimizer)),
  );
  const size = labels.length;
  const feeds: Record<string, ort.Tensor> = {
    [TRAINING_IO.images]: new ort.Tensor('float32', images, [size, 3, 8, 8]),
    [TRAINING_IO.labels]: new ort.Tensor('int64', BigInt64Array.from(labels, BigInt), [size]),
  };
  for (const [name, { data, shape }] of weights)
    if (session.inputNames.includes(name)) feeds[name] = new ort.Tensor('float32', data, shape);
  const shapes = new Map(graph.nodes.map((node) => [node.name, node.outputShape]));
  for (const [node, mask] of masks)
    feeds[trainingName.dropoutMask(node)] = new ort.Tensor('uint8', mask, [size, ...shapes.get(node)!]);
  const outputs = await session.run(feeds);
  await session.release();
  return outputs;
}
