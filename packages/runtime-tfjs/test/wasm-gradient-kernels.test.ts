import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmBackend } from '../src/wasm-backend.js';

type Padding = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
interface Case {
  input: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: Padding;
}

const symmetric = (p: number): Padding => [
  [0, 0],
  [p, p],
  [p, p],
  [0, 0],
];
const CASES: Case[] = [
  { input: [2, 8, 8, 3], filter: [3, 3, 3, 4], stride: 1, pad: symmetric(1) },
  { input: [2, 8, 8, 3], filter: [3, 3, 3, 4], stride: 2, pad: symmetric(1) },
  { input: [3, 7, 9, 5], filter: [3, 3, 5, 2], stride: 2, pad: symmetric(1) },
  { input: [2, 8, 8, 4], filter: [1, 1, 4, 6], stride: 2, pad: symmetric(0) },
  { input: [2, 9, 9, 4], filter: [1, 1, 4, 6], stride: 1, pad: symmetric(0) },
  { input: [1, 10, 10, 2], filter: [5, 5, 2, 3], stride: 3, pad: symmetric(2) },
  { input: [2, 6, 7, 3], filter: [3, 3, 3, 2], stride: 2, pad: 'same' },
  { input: [2, 6, 7, 3], filter: [3, 3, 3, 2], stride: 1, pad: 'valid' },
  {
    input: [2, 6, 6, 3],
    filter: [3, 3, 3, 2],
    stride: 1,
    pad: [
      [0, 0],
      [0, 2],
      [1, 0],
      [0, 0],
    ],
  },
];

/** Input and filter gradients of sum(conv2d(x, w) * probe) on the active backend. */
async function convolutionGradients(testCase: Case): Promise<{ dx: Float32Array; dw: Float32Array }> {
  const x = tf.randomNormal(testCase.input, 0, 1, 'float32', 1);
  const w = tf.randomNormal(testCase.filter, 0, 1, 'float32', 2);
  const forward = (input: tf.Tensor, filter: tf.Tensor) =>
    tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, testCase.stride, testCase.pad);
  const outputShape = tf.tidy(() => forward(x, w).shape);
  const probe = tf.randomNormal(outputShape, 0, 1, 'float32', 3);
  const [dx, dw] = tf.grads((input: tf.Tensor, filter: tf.Tensor) => forward(input, filter).mul(probe).sum())(
    [x, w],
  );
  const result = { dx: (await dx!.data()) as Float32Array, dw: (await dw!.data()) as Float32Array };
  tf.dispose([x, w, probe, dx!, dw!]);
  return result;
}

function maxRelativeError(actual: Float32Array, expected: Float32Array): number {
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) error = Math.max(error, Math.abs(actual[i]! - expected[i]!));
  return error / scale;
}

describe('wasm convolution-gradient kernels', () => {
  beforeAll(async () => {
    await loadWasmBackend();
  });

  it('registers Conv2DBackpropFilter for wasm (tfjs has none)', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it.each(CASES.map((testCase) => [JSON.stringify(testCase), testCase] as const))(
    'match the cpu backend: %s',
    async (_name, testCase) => {
      await tf.setBackend('cpu');
      const expected = await convolutionGradients(testCase);
      await tf.setBackend('wasm');
      const before = tf.memory().numTensors;
      const actual = await convolutionGradients(testCase);
      expect(tf.memory().numTensors).toBe(before);
      expect(actual.dx.length).toBe(expected.dx.length);
      expect(actual.dw.length).toBe(expected.dw.length);
      expect(maxRelativeError(actual.dx, expected.dx)).toBeLessThan(1e-5);
      expect(maxRelativeError(actual.dw, expected.dw)).toBeLessThan(1e-5);
    },
  );
});
