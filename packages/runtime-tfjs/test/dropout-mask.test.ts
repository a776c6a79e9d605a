import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dropoutMask } from '../src/dropout-mask.js';

describe('dropout masks', () => {
  it('keep about 1 - rate of the elements, scaled by 1 / (1 - rate), reproducibly per seed', async () => {
    await tf.setBackend('cpu');
    const rate = 0.3;
    const mask = dropoutMask([4, 50, 50], rate, 42);
    const values = (await mask.data()) as Float32Array;
    const kept = values.filter((value) => value !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / (1 - rate))]));
    // 10,000 Bernoulli(0.7) draws: the kept fraction is within 4 standard deviations (0.0046 each) of 0.7.
    expect(Math.abs(kept.length / values.length - 0.7)).toBeLessThan(
      4 * Math.sqrt((0.7 * 0.3) / values.length),
    );
    const again = dropoutMask([4, 50, 50], rate, 42);
    const other = dropoutMask([4, 50, 50], rate, 43);
    expect(await again.data()).toEqual(values);
    expect(await other.data()).not.toEqual(values);
    tf.dispose([mask, again, other]);
  });

  it('from an element offset is that part of the whole mask (a replica drawing its slice of a batch)', async () => {
    await tf.setBackend('cpu');
    const whole = dropoutMask([5, 3, 4], 0.5, 0xfffffff0);
    const part = dropoutMask([2, 3, 4], 0.5, 0xfffffff0, 3 * 12);
    const expected = ((await whole.data()) as Float32Array).slice(3 * 12);
    expect(await part.data()).toEqual(expected);
    expect(() => dropoutMask([1], 0.5, 1, -1)).toThrow(RangeError);
    tf.dispose([whole, part]);
  });
});
