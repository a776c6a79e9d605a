import { wrn, type ParameterSpec } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  findBatchProblems,
  findImageProblems,
  findStepProblems,
  findTensorProblems,
  findWeightProblems,
  InputError,
} from '../src/index.js';

const parameters: ParameterSpec[] = [
  { name: 'fc.weight', shape: [2, 3], trainable: true, init: 'kaiming-normal' },
  { name: 'fc.bias', shape: [2], trainable: true, init: 'zeros' },
];
const tensor = (shape: number[], data = new Float32Array(shape.reduce((a, b) => a * b, 1))) => ({
  shape,
  data,
});
// 3 channels of 8 x 8: 192 values per image, 10 classes.
const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8 });

describe('findTensorProblems and findWeightProblems', () => {
  it('accepts exactly the parameters, in float32, finite', () => {
    const weights = new Map([
      ['fc.weight', tensor([2, 3])],
      ['fc.bias', tensor([2])],
    ]);
    expect(findWeightProblems(parameters, weights)).toEqual([]);
  });

  it('lists missing, unexpected, wrong shape, wrong length, wrong dtype and non-finite values', () => {
    const weights = new Map<string, unknown>([
      ['fc.weight', tensor([3, 2])],
      ['fc.extra', tensor([1])],
    ]);
    expect(findWeightProblems(parameters, weights)).toEqual([
      'wrong shape for fc.weight: expected [2, 3], got [3, 2]',
      'missing fc.bias: expected float32 [2]',
      'unexpected fc.extra: float32 [1]',
    ]);
    const bad = new Map<string, unknown>([
      ['fc.weight', { shape: [2, 3], data: new Float32Array(5) }],
      ['fc.bias', { shape: [2], data: new Float64Array(2) }],
    ]);
    expect(findWeightProblems(parameters, bad)).toEqual([
      'wrong length for fc.weight: shape [2, 3] has 6 elements but the data has 5',
      'wrong dtype for fc.bias: expected float32, got Float64Array',
    ]);
    const nan = new Map([
      ['fc.weight', tensor([2, 3], new Float32Array([0, 1, 2, Infinity, 4, 5]))],
      ['fc.bias', tensor([2])],
    ]);
    expect(findWeightProblems(parameters, nan)).toEqual([
      'non-finite value in fc.weight: element 3 is not a finite number',
    ]);
  });

  it('allows missing buffers and prefixes names where asked; refuses what is not a Map', () => {
    const stored = new Map([['fc.bias', { dtype: 'F16', shape: [2], length: 2 }]]);
    expect(
      findTensorProblems(parameters, stored, { dtype: 'F32', prefix: 'm.', allowMissing: true }),
    ).toEqual(['wrong dtype for m.fc.bias: expected F32, got F16']);
    expect(findWeightProblems(parameters, [])).toEqual([
      'not a Map of parameter name to { shape, data }: got Array',
    ]);
  });
});

describe('findImageProblems, findBatchProblems and findStepProblems', () => {
  it('checks the size, the type and the length of images', () => {
    expect(findImageProblems(spec, new Float32Array(192), 1)).toEqual([]);
    expect(findImageProblems(spec, new Float32Array(10), 1)).toEqual([
      'images has 10 values for size 1; expected 192 (NCHW [1, 3, 8, 8])',
    ]);
    expect(findImageProblems(spec, new Float32Array(192), 0)).toEqual([
      'size must be an integer >= 1, got 0',
    ]);
    expect(findImageProblems(spec, [1, 2], 1)).toEqual(['images must be a Float32Array (NCHW), got Array']);
  });

  it('checks labels: type, count and range', () => {
    const images = new Float32Array(2 * 192);
    expect(findBatchProblems(spec, { images, labels: new Int32Array([0, 9]), size: 2 })).toEqual([]);
    expect(findBatchProblems(spec, { images, labels: new Int32Array([0, 10]), size: 2 })).toEqual([
      'batch.labels[1] is 10, outside [0, 9]',
    ]);
    expect(findBatchProblems(spec, { images, labels: new Int32Array([-1]), size: 2 })).toEqual([
      'batch.labels has 1 entries for batch.size 2; expected one per image',
      'batch.labels[0] is -1, outside [0, 9]',
    ]);
  });

  it('checks the learning rate, the micro-batch size and the dropout seed', () => {
    expect(findStepProblems({ learningRate: 0, microBatchSize: 1, dropoutSeed: 4294967295 })).toEqual([]);
    expect(findStepProblems({ learningRate: Number.NaN, microBatchSize: 0, dropoutSeed: -1 })).toEqual([
      'learningRate must be a finite number >= 0, got NaN',
      'microBatchSize must be an integer >= 1, got 0',
      'dropoutSeed must be an integer in [0, 4294967295], got -1',
    ]);
    expect(findStepProblems({ learningRate: -0.1 })).toEqual([
      'learningRate must be a finite number >= 0, got -0.1',
    ]);
  });
});

describe('InputError', () => {
  it('is a RangeError with one line: the input, the problems, the fix', () => {
    const error = new InputError('setWeights(weights) for WRN-10-1', ['missing a', 'missing b'], 'pass both');
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe('setWeights(weights) for WRN-10-1: missing a; missing b; pass both');
    expect(error.problems).toEqual(['missing a', 'missing b']);
  });

  it('lists five problems and counts the rest', () => {
    const error = new InputError('x', ['1', '2', '3', '4', '5', '6', '7'], 'fix it');
    expect(error.message).toBe('x: 1; 2; 3; 4; 5; and 2 more; fix it');
    expect(error.problems).toHaveLength(7);
  });
});
