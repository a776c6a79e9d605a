import { describe, expect, it } from 'vitest';
import { scoreLogits } from '../src/index.js';

describe('scoreLogits', () => {
  it('computes softmax cross-entropy and top-k hits by hand', () => {
    // Row 0: logits [0, ln 3] over 2 classes, label 1: p = 3/4, loss = ln(4/3). Row 1: label 0, loss = ln 4.
    const logits = new Float32Array([0, Math.log(3), 0, Math.log(3)]);
    const result = scoreLogits(logits, new Int32Array([1, 0]), 2);
    expect(result.loss).toBeCloseTo(Math.log(4 / 3) + Math.log(4), 6);
    expect(result.top1).toBe(1);
    expect(result.top5).toBe(2);
    expect([...result.predictions]).toEqual([1, 1]);
  });

  it('counts top-5 over 7 classes', () => {
    const row = [7, 6, 5, 4, 3, 2, 1];
    const result = scoreLogits(new Float32Array([...row, ...row]), new Int32Array([4, 5]), 7);
    expect([result.top1, result.top5]).toEqual([0, 1]);
  });

  it('names a shape mismatch', () => {
    expect(() => scoreLogits(new Float32Array(5), new Int32Array(2), 3)).toThrow(
      /5 values, expected 2 examples x 3 classes/,
    );
  });
});
