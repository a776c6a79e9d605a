import * as tf from '@tensorflow/tfjs';
import { dropoutMask } from '@wrn/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { dropoutMaskTensor } from '../src/dropout-mask.js';

describe('dropout mask tensors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("are @wrn/spec's NCHW keep bits laid out NHWC, kept values 1 / (1 - rate)", async () => {
    // Examples 1 and 2 of a step, 5 channels of 3x4: NHWC [2, 3, 4, 5].
    const tensor = dropoutMaskTensor('group0.block0.dropout1', 0.3, [2, 3, 4, 5], 1234, {
      start: 1,
      size: 2,
    });
    const bits = dropoutMask(1234, 'group0.block0.dropout1', 0.3, 60, { start: 1, size: 2 });
    const expected = tf.tidy(() =>
      tf.transpose(tf.mul(tf.tensor(bits, [2, 5, 3, 4], 'float32'), 1 / (1 - 0.3)), [0, 2, 3, 1]),
    );
    expect(tensor.shape).toEqual([2, 3, 4, 5]);
    expect(await tensor.data()).toEqual(await expected.data());
    const values = (await tensor.data()) as Float32Array;
    expect(new Set(values)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
    tf.dispose([tensor, expected]);
  });

  it('keep the generator order for [n, features] inputs', async () => {
    const tensor = dropoutMaskTensor('head.dropout', 0.5, [3, 7], 9, { start: 4, size: 3 });
    const bits = dropoutMask(9, 'head.dropout', 0.5, 7, { start: 4, size: 3 });
    expect(await tensor.data()).toEqual(Float32Array.from(bits, (bit) => bit * 2));
    tensor.dispose();
  });

  it("of a range equal that part of the whole batch's mask (a micro-batch or a replica's slice)", async () => {
    const whole = dropoutMaskTensor('layer', 0.3, [5, 2, 2, 3], 0xfffffff0, { start: 0, size: 5 });
    const part = dropoutMaskTensor('layer', 0.3, [2, 2, 2, 3], 0xfffffff0, { start: 3, size: 2 });
    expect(await part.data()).toEqual(((await whole.data()) as Float32Array).slice(3 * 12));
    tf.dispose([whole, part]);
  });
});
