import * as ort from 'onnxruntime-node';
import {
  dropoutMasks,
  expandGraph,
  initWeights,
  paperRecipe,
  Random,
  specToJson,
  wrn,
  type SgdSpec,
} from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  buildTrainingModel,
  decodeModel,
  encodeModel,
  exportTrainingOnnx,
  readOnnxMetadata,
  readOnnxWeights,
  toNumber,
  TRAINING_IO,
  trainingName,
  type TensorProto,
} from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 2, dropout: 0.3, inputSize: 8 });
const graph = expandGraph(spec);
const weights = initWeights(spec, 11);
const trainable = graph.parameters.filter((parameter) => parameter.trainable).map(({ name }) => name);
const names = (model: ReturnType<typeof decodeModel>) => ({
  inputs: model.graph.input.map((input) => input.name),
  initializers: new Set(model.graph.initializer.map((tensor) => tensor.name)),
});
const floats = (tensor: TensorProto) => {
  const raw = tensor.rawData!;
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
};

describe('exportTrainingOnnx: the file', () => {
  const bytes = exportTrainingOnnx(spec, weights);
  const model = decodeModel(bytes);

  it('decodes as an opset-17, IR-8 step graph with spec, kind and optimizer in metadata_props', () => {
    expect(model.opsetImport.map(({ domain, version }) => [domain, toNumber(version)])).toEqual([['', 17]]);
    expect(toNumber(model.irVersion)).toBe(8);
    const metadata = readOnnxMetadata(bytes);
    expect(specToJson(metadata.spec)).toBe(specToJson(spec));
    expect(metadata.trainingGraph).toBe('step');
    expect(metadata.optimizer).toEqual(paperRecipe().optimizer);
  });

  it('holds a default for every weight, running statistic and momentum buffer input, and for nothing else fed', () => {
    const { inputs, initializers } = names(model);
    const state = [...graph.parameters.map(({ name }) => name), ...trainable.map(trainingName.momentum)];
    expect(inputs.filter((name) => initializers.has(name)).sort()).toEqual(state.sort());
    const masks = [...dropoutMasks(graph, 0, { start: 0, size: 1 }).keys()].map(trainingName.dropoutMask);
    expect(masks).toHaveLength(3);
    expect(inputs.filter((name) => !initializers.has(name)).sort()).toEqual(
      [TRAINING_IO.images, TRAINING_IO.labels, TRAINING_IO.learningRate, ...masks].sort(),
    );
  });

  it('stores the weights bit for bit and zero momentum buffers', () => {
    const back = readOnnxWeights(bytes);
    for (const [name, { data }] of weights) expect(back.get(name)!.data, name).toEqual(data);
    const momentum = model.graph.initializer.filter((tensor) => tensor.name.startsWith('momentum.'));
    expect(momentum).toHaveLength(trainable.length);
    for (const tensor of momentum) expect(floats(tensor).every((value) => value === 0)).toBe(true);
  });

  it('names the batch dimension as asked', () => {
    const renamed = decodeModel(exportTrainingOnnx(spec, weights, { batchDimension: 'batch' }));
    const images = renamed.graph.input.find((input) => input.name === TRAINING_IO.images)!;
    expect(images.type.tensorType.shape.dim[0]?.dimParam).toBe('batch');
  });

  it('defaults momentum_started to false where the optimizer dampens, and gradient sums to zero', () => {
    const dampened: SgdSpec = { ...paperRecipe().optimizer, nesterov: false, dampening: 0.1 };
    const step = decodeModel(exportTrainingOnnx(spec, weights, { optimizer: dampened }));
    const flags = step.graph.initializer.filter((tensor) => tensor.name.startsWith('momentum_started.'));
    expect(flags.map((tensor) => tensor.name).sort()).toEqual(
      trainable.map(trainingName.momentumStarted).sort(),
    );
    expect(flags.every((tensor) => tensor.dataType === 9 && tensor.rawData?.[0] === 0)).toBe(true);
    const micro = names(decodeModel(exportTrainingOnnx(spec, weights, { graph: 'micro-batch' })));
    for (const name of trainable) expect(micro.initializers).toContain(trainingName.accumulated(name));
    expect(micro.inputs.filter((name) => !micro.initializers.has(name))).toContain(TRAINING_IO.share);
    const update = names(decodeModel(exportTrainingOnnx(spec, weights, { graph: 'update' })));
    for (const name of trainable) expect(update.initializers).not.toContain(trainingName.gradient(name));
  });

  it('refuses bad weights, an unknown graph and a bad optimizer with errors naming them', () => {
    const missing = new Map(weights);
    missing.delete('head.fc.bias');
    expect(() => exportTrainingOnnx(spec, missing)).toThrow(
      /^exportTrainingOnnx\(spec, weights\) for WRN-10-2: missing head\.fc\.bias/,
    );
    // @ts-expect-error an unknown graph kind, as JavaScript callers may pass
    expect(() => exportTrainingOnnx(spec, weights, { graph: 'steps' })).toThrow(
      "exportTrainingOnnx: graph 'steps' is not a training graph; use one of step, micro-batch, update, gradients, training-forward",
    );
    const nesterov = { ...paperRecipe().optimizer, dampening: 0.5 };
    expect(() => exportTrainingOnnx(spec, weights, { optimizer: nesterov })).toThrow(/Nesterov/);
  });
});

describe('exportTrainingOnnx in onnxruntime-node', () => {
  it('takes the same step fed only images, labels, learning rate and masks as fed every state input', async () => {
    const size = 4;
    const random = new Random(3);
    const feeds: Record<string, ort.Tensor> = {
      [TRAINING_IO.images]: new ort.Tensor(
        'float32',
        Float32Array.from({ length: size * 3 * 64 }, () => random.normal()),
        [size, 3, 8, 8],
      ),
      [TRAINING_IO.labels]: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: size }, (_, i) => BigInt(i)),
        [size],
      ),
      [TRAINING_IO.learningRate]: new ort.Tensor('float32', new Float32Array([0.1]), []),
    };
    const shapes = new Map(graph.nodes.map((node) => [node.name, node.outputShape]));
    for (const [node, mask] of dropoutMasks(graph, 42, { start: 0, size }))
      feeds[trainingName.dropoutMask(node)] = new ort.Tensor('uint8', mask, [size, ...shapes.get(node)!]);
    // Severity 3 (errors): onnxruntime warns once per initializer that is also an input, which is the point here.
    const exported = await ort.InferenceSession.create(exportTrainingOnnx(spec, weights), {
      logSeverityLevel: 3,
    });
    const plain = await ort.InferenceSession.create(
      encodeModel(buildTrainingModel(spec, 'step', paperRecipe().optimizer)),
    );
    const alone = await exported.run(feeds);
    const fed = await plain.run({ ...feeds, ...stateFeeds() });
    await Promise.all([exported.release(), plain.release()]);
    expect(Object.keys(alone).sort()).toEqual(Object.keys(fed).sort());
    for (const name of Object.keys(fed)) expect(alone[name]!.data, name).toEqual(fed[name]!.data);
    // The step changed the weights: the comparison above is not between two unchanged copies.
    const stem = trainingName.updated('stem.conv.weight');
    expect(alone[stem]!.data).not.toEqual(weights.get('stem.conv.weight')!.data);
    expect(Number(alone[TRAINING_IO.loss]!.data[0])).toBeGreaterThan(0);
  });
});

/** Weights, running statistics and zero momentum buffers as feeds, as the executor feeds a first step. */
function stateFeeds(): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const { name, shape } of graph.parameters) {
    feeds[name] = new ort.Tensor('float32', weights.get(name)!.data, shape);
    if (trainable.includes(name))
      feeds[trainingName.momentum(name)] = new ort.Tensor(
        'float32',
        new Float32Array(elements(shape)),
        shape,
      );
  }
  return feeds;
}

const elements = (shape: readonly number[]) => shape.reduce((product, size) => product * size, 1);
