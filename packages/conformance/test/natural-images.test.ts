import { wrn } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { conformanceBatch, naturalImageBatch, naturalImages } from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 32 });
const COUNT = 64;
const plane = 32 * 32;

/** Per-channel mean and std over every image of a CHW batch. */
function channelStatistics(values: Float32Array, channel: number): { mean: number; std: number } {
  let [sum, squares, count] = [0, 0, 0];
  for (let image = 0; image < values.length / (3 * plane); image++)
    for (let index = 0; index < plane; index++) {
      const value = values[(image * 3 + channel) * plane + index]!;
      [sum, squares, count] = [sum + value, squares + value * value, count + 1];
    }
  const mean = sum / count;
  return { mean, std: Math.sqrt(squares / count - mean * mean) };
}

/** Pearson correlation of two equally long lists. */
function correlation(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const mean = (list: ArrayLike<number>) => Array.from(list).reduce((a, b) => a + b, 0) / list.length;
  const [meanFirst, meanSecond] = [mean(first), mean(second)];
  let [covariance, varianceFirst, varianceSecond] = [0, 0, 0];
  for (let index = 0; index < first.length; index++) {
    const [a, b] = [first[index]! - meanFirst, second[index]! - meanSecond];
    [covariance, varianceFirst, varianceSecond] = [
      covariance + a * b,
      varianceFirst + a * a,
      varianceSecond + b * b,
    ];
  }
  return covariance / Math.sqrt(varianceFirst * varianceSecond);
}

/** Correlation of each pixel with its right-hand neighbour, over every plane. */
function neighbourCorrelation(values: Float32Array): number {
  const left: number[] = [];
  const right: number[] = [];
  for (let start = 0; start < values.length; start += plane)
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 31; x++) {
        left.push(values[start + y * 32 + x]!);
        right.push(values[start + y * 32 + x + 1]!);
      }
  return correlation(left, right);
}

/** One channel of every image of a CHW batch, concatenated. */
function channelValues(values: Float32Array, channel: number): Float32Array {
  return Float32Array.from({ length: values.length / 3 }, (_, index) => {
    const image = Math.floor(index / plane);
    return values[(image * 3 + channel) * plane + (index % plane)]!;
  });
}

describe('naturalImages', () => {
  const pixels = naturalImages(spec.input, COUNT, 3);

  it('has CIFAR-10-like channel statistics: means 0.49/0.48/0.45 within 0.04, stds 0.2-0.3', () => {
    const cifarMeans = [0.491, 0.482, 0.447]; // CIFAR-10's training-set means, published with the dataset's use
    for (let channel = 0; channel < 3; channel++) {
      const { mean, std } = channelStatistics(pixels, channel);
      expect(Math.abs(mean - cifarMeans[channel]!)).toBeLessThan(0.04);
      expect(std).toBeGreaterThan(0.2);
      expect(std).toBeLessThan(0.3);
    }
  });

  it('has 8-bit pixels in [0, 1]', () => {
    const outside = pixels.filter((value) => !(value >= 0 && value <= 1));
    const offGrid = pixels.filter((value) => Math.abs(value * 255 - Math.round(value * 255)) > 1e-4);
    expect([outside.length, offGrid.length]).toEqual([0, 0]);
  });

  it('correlates neighbouring pixels (above 0.9) where iid noise does not (below 0.05)', () => {
    expect(neighbourCorrelation(pixels)).toBeGreaterThan(0.9);
    expect(Math.abs(neighbourCorrelation(conformanceBatch(spec, COUNT, 3).images))).toBeLessThan(0.05);
  });

  it('correlates the colour channels (above 0.8), as photographs do', () => {
    expect(correlation(channelValues(pixels, 0), channelValues(pixels, 2))).toBeGreaterThan(0.8);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    expect(naturalImages(spec.input, 2, 3)).toEqual(pixels.subarray(0, 2 * 3 * plane));
    expect(naturalImages(spec.input, 2, 4)).not.toEqual(pixels.subarray(0, 2 * 3 * plane));
  });
});

describe('naturalImageBatch', () => {
  it('normalises with the spec statistics: per-channel mean near 0, std near 1', () => {
    const batch = naturalImageBatch(spec, COUNT, 3);
    expect(batch.size).toBe(COUNT);
    expect(batch.labels.every((label) => label >= 0 && label < 10)).toBe(true);
    for (let channel = 0; channel < 3; channel++) {
      const { mean, std } = channelStatistics(batch.images, channel);
      expect(Math.abs(mean)).toBeLessThan(0.2);
      expect(std).toBeGreaterThan(0.8);
      expect(std).toBeLessThan(1.2);
    }
  });
});
