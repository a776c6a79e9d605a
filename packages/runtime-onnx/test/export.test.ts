import { readFileSync } from 'node:fs';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { expandGraph, initWeights, specToJson, wrn, type ModelSpec } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  exportOnnx,
  ONNX_PRODUCER_VERSION,
  readOnnxMetadata,
  readOnnxWeights,
  toNumber,
} from '../src/index.js';
import type { ValueInfoProto } from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 2, inputSize: 8, classNames: 'abcdefghij'.split('') });
const weights = initWeights(spec, 7);
const shapeOf = (info: ValueInfoProto | undefined) =>
  info?.type.tensorType.shape.dim.map((dim) => dim.dimParam || toNumber(dim.dimValue));

describe('exportOnnx: the file', () => {
  const model = decodeModel(exportOnnx(spec, weights, { probabilities: true }));

  it('declares opset 17, IR version 8 and the producer', () => {
    expect(model.opsetImport.map(({ domain, version }) => [domain, toNumber(version)])).toEqual([['', 17]]);
    expect(toNumber(model.irVersion)).toBe(8);
    expect(model.producerName).toBe('@wrn/runtime-onnx');
    const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(ONNX_PRODUCER_VERSION).toBe(packageJson.version);
    expect(model.producerVersion).toBe(packageJson.version);
  });

  it('has input [N, 3, H, W] and outputs logits and probabilities [N, classes]', () => {
    expect(model.graph.input.map((info) => [info.name, shapeOf(info)])).toEqual([['input', ['N', 3, 8, 8]]]);
    expect(model.graph.output.map((info) => [info.name, shapeOf(info)])).toEqual([
      ['logits', ['N', 10]],
      ['probabilities', ['N', 10]],
    ]);
    expect(model.graph.input[0]?.type.tensorType.elemType).toBe(1); // FLOAT
  });

  it('keeps every canonical parameter as an initializer, nothing else', () => {
    expect(model.graph.initializer.map((tensor) => tensor.name).sort()).toEqual(
      expandGraph(spec)
        .parameters.map((parameter) => parameter.name)
        .sort(),
    );
  });

  it('uses only the listed operators and no Dropout', () => {
    // WRN-10-2 (paper): stem conv, 3 blocks of 2 convs, projections in all three groups (16 -> 32 widens group 0).
    const counts: Record<string, number> = {};
    for (const node of model.graph.node) counts[node.opType] = (counts[node.opType] ?? 0) + 1;
    expect(counts).toEqual({
      Conv: 1 + 3 * 2 + 3,
      BatchNormalization: 3 * 2 + 1,
      Relu: 3 * 2 + 1,
      Add: 3,
      GlobalAveragePool: 1,
      Flatten: 1,
      Gemm: 1,
      Softmax: 1,
    });
  });

  it('carries the spec, class names and normalisation in metadata_props', () => {
    const metadata = readOnnxMetadata(exportOnnx(spec, weights));
    expect(specToJson(metadata.spec)).toBe(specToJson(spec));
    expect(metadata.classNames).toEqual('abcdefghij'.split(''));
    expect(metadata.properties['wrn.model_name']).toBe('WRN-10-2');
    expect(JSON.parse(metadata.properties['wrn.input_normalization']!)).toEqual({
      mean: spec.input.mean,
      std: spec.input.std,
    });
    expect(metadata.foldedBatchNorms).toEqual([]);
  });

  it('gives the weights back bit for bit', () => {
    const back = readOnnxWeights(exportOnnx(spec, weights));
    expect([...back.keys()]).toEqual([...weights.keys()]);
    for (const [name, tensor] of weights) {
      expect(back.get(name)?.shape).toEqual(tensor.shape);
      expect(Buffer.from(back.get(name)!.data.buffer).equals(Buffer.from(tensor.data.buffer))).toBe(true);
    }
  });
});

describe('exportOnnx: running the file', () => {
  const run = async (target: ModelSpec, bytes: Uint8Array, images: Float32Array, n: number) => {
    const session = await InferenceSession.create(bytes);
    const { height, width } = target.input;
    const outputs = await session.run({ input: new Tensor('float32', images, [n, 3, height, width]) });
    await session.release();
    return outputs;
  };
  const images = new Float32Array(5 * 3 * 8 * 8).map((_, i) => Math.cos(i * 0.37));

  it('accepts any batch size: each example gets the same logits alone or in a batch of 5', async () => {
    const bytes = exportOnnx(spec, weights);
    const batched = (await run(spec, bytes, images, 5)).logits!;
    expect(batched.dims).toEqual([5, 10]);
    for (const example of [0, 4]) {
      const alone = (await run(spec, bytes, images.slice(example * 192, (example + 1) * 192), 1)).logits!;
      const row = (batched.data as Float32Array).slice(example * 10, (example + 1) * 10);
      for (let j = 0; j < 10; j++) expect((alone.data as Float32Array)[j]).toBeCloseTo(row[j]!, 4);
    }
  });

  it('probabilities are the softmax of the logits', async () => {
    const { logits, probabilities } = await run(
      spec,
      exportOnnx(spec, weights, { probabilities: true }),
      images,
      5,
    );
    const z = logits!.data as Float32Array;
    const p = probabilities!.data as Float32Array;
    for (let i = 0; i < 5; i++) {
      const row = Array.from(z.slice(i * 10, i * 10 + 10));
      const max = Math.max(...row);
      const total = row.reduce((sum, value) => sum + Math.exp(value - max), 0);
      row.forEach((value, j) => expect(p[i * 10 + j]).toBeCloseTo(Math.exp(value - max) / total, 6));
    }
  });

  it('a non-square input size and 100 classes export with their own shapes', async () => {
    const other = wrn({ depth: 10, widenFactor: 1, numClasses: 100, inputSize: 12 });
    const { logits } = await run(
      other,
      exportOnnx(other, initWeights(other, 1)),
      new Float32Array(2 * 3 * 144),
      2,
    );
    expect(logits?.dims).toEqual([2, 100]);
  });
});
