import { initWeights, wrn } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { decodeModel, exportOnnx, readOnnxMetadata } from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 1 });
const without = (name: string) => {
  const weights = initWeights(spec, 0);
  weights.delete(name);
  return weights;
};

describe('exportOnnx rejects bad input with a clear error', () => {
  it('missing weights: a TypeError naming them', () => {
    expect(() => exportOnnx(spec, without('group1.block0.bn0.running_var'))).toThrow(
      /weights lack 1 parameter\(s\) of this spec: group1\.block0\.bn0\.running_var/,
    );
  });

  it('weights of another spec: names the unknown parameters', () => {
    const other = wrn({ depth: 10, widenFactor: 1, variant: 'seed-pytorch' });
    expect(() => exportOnnx(spec, initWeights(other, 0))).toThrow(TypeError);
    const weights = initWeights(spec, 0).set('extra.weight', { shape: [1], data: new Float32Array(1) });
    expect(() => exportOnnx(spec, weights)).toThrow(/does not have: extra\.weight/);
  });

  it('a wrong shape: a RangeError with both shapes', () => {
    const weights = initWeights(spec, 0);
    weights.set('head.fc.weight', { shape: [64, 10], data: new Float32Array(640) });
    expect(() => exportOnnx(spec, weights)).toThrow(RangeError);
    expect(() => exportOnnx(spec, weights)).toThrow(
      /'head\.fc\.weight' has shape \[64, 10\] but the spec needs \[10, 64\]/,
    );
  });

  it('data of the wrong length or type', () => {
    const weights = initWeights(spec, 0);
    weights.set('head.fc.bias', { shape: [10], data: new Float32Array(9) });
    expect(() => exportOnnx(spec, weights)).toThrow(/'head\.fc\.bias' must hold a Float32Array of 10 values/);
    weights.set('head.fc.bias', { shape: [10], data: new Float64Array(10) as unknown as Float32Array });
    expect(() => exportOnnx(spec, weights)).toThrow(/got Float64Array/);
  });

  it('not a WeightMap, an invalid spec, class names of the wrong count', () => {
    expect(() => exportOnnx(spec, {} as never)).toThrow(/weights must be a Map/);
    expect(() => exportOnnx({ ...spec, depth: 11 }, initWeights(spec, 0))).toThrow();
    expect(() => exportOnnx(spec, initWeights(spec, 0), { classNames: ['cat', 'dog'] })).toThrow(
      /classNames has 2 entries but the spec has 10 classes/,
    );
  });

  it('reading: bytes that are not a model, or a model without @wrn metadata', () => {
    expect(() => decodeModel(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(/not an ONNX ModelProto/);
    const bytes = exportOnnx(spec, initWeights(spec, 0));
    const model = decodeModel(bytes);
    expect(model.graph.node.length).toBeGreaterThan(0);
    expect(() => readOnnxMetadata(new Uint8Array(0))).toThrow(TypeError);
  });
});
