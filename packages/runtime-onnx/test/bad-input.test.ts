import { InputError } from '@wrn/core';
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
  it('missing weights: an InputError naming them', () => {
    expect(() => exportOnnx(spec, without('group1.block0.bn0.running_var'))).toThrow(
      new InputError(
        'exportOnnx(spec, weights) for WRN-10-1',
        ['missing group1.block0.bn0.running_var: expected float32 [16]'], // bn0 of group1 sees group0's 16 channels
        'pass weights of this spec (same depth, widen factor, block type, variant and classes), e.g. initWeights(spec, seed)',
      ),
    );
  });

  it('weights of another spec: names the unknown parameters', () => {
    const other = wrn({ depth: 10, widenFactor: 1, variant: 'seed-pytorch' });
    expect(() => exportOnnx(spec, initWeights(other, 0))).toThrow(InputError);
    const weights = initWeights(spec, 0).set('extra.weight', { shape: [1], data: new Float32Array(1) });
    expect(() => exportOnnx(spec, weights)).toThrow(/unexpected extra\.weight: float32 \[1\]/);
  });

  it('a wrong shape: a RangeError (InputError) with both shapes', () => {
    const weights = initWeights(spec, 0);
    weights.set('head.fc.weight', { shape: [64, 10], data: new Float32Array(640) });
    expect(() => exportOnnx(spec, weights)).toThrow(RangeError);
    expect(() => exportOnnx(spec, weights)).toThrow(
      /wrong shape for head\.fc\.weight: expected \[10, 64\], got \[64, 10\]/,
    );
  });

  it('data of the wrong length or type', () => {
    const weights = initWeights(spec, 0);
    weights.set('head.fc.bias', { shape: [10], data: new Float32Array(9) });
    expect(() => exportOnnx(spec, weights)).toThrow(
      /wrong length for head\.fc\.bias: shape \[10\] has 10 elements but the data has 9/,
    );
    weights.set('head.fc.bias', { shape: [10], data: new Float64Array(10) as unknown as Float32Array });
    expect(() => exportOnnx(spec, weights)).toThrow(
      /wrong dtype for head\.fc\.bias: expected float32, got Float64Array/,
    );
  });

  it('not a WeightMap, an invalid spec, class names of the wrong count', () => {
    expect(() => exportOnnx(spec, {} as never)).toThrow(
      /not a Map of parameter name to \{ shape, data \}: got Object/,
    );
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
