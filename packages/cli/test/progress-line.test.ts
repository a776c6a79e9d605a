import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '@wrn/train';
import { epochLine } from '../src/progress-line.js';

const metrics: EpochMetrics = {
  epoch: 2,
  learningRate: 0.02,
  trainLoss: 0.81234,
  trainError: 0.2875,
  testLoss: 0.9,
  testTop1Error: 0.3125,
  testTop5Error: 0.05,
  imagesPerSecond: 92.6,
  epochSeconds: 3723.4,
  wallSeconds: 9000,
};

describe('epochLine', () => {
  it('summarises the epoch, its held-out errors, speed and duration', () => {
    expect(epochLine(metrics, 20, false)).toBe(
      'epoch 3/20 lr 0.02 train loss 0.812 err 28.75% | test loss 0.900 err 31.25% top-5 5.00% | 93 img/s 1:02:03',
    );
  });

  it('gives a decimal for speeds below 10 images/s', () => {
    expect(epochLine({ ...metrics, imagesPerSecond: 1.0967 }, 20, false)).toContain('| 1.1 img/s 1:02:03');
  });

  it('closes with the peak memory in MiB and the best-so-far star', () => {
    expect(epochLine({ ...metrics, testLoss: undefined, testTop1Error: undefined }, 20, true, 5530.4)).toBe(
      'epoch 3/20 lr 0.02 train loss 0.812 err 28.75% | 93 img/s 1:02:03 peak RSS 5530 MiB *',
    );
  });
});
