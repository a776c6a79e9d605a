import { describe, expect, it } from 'vitest';
import {
  isLearningRateDrop,
  learningRateAt,
  paperRecipe,
  validateOptimizer,
  validateRecipe,
} from '../src/index.js';

describe('paper recipe', () => {
  const recipe = paperRecipe();

  it('holds the paper defaults', () => {
    expect(recipe.optimizer).toEqual({
      type: 'sgd',
      learningRate: 0.1,
      momentum: 0.9,
      nesterov: true,
      dampening: 0,
      weightDecay: 5e-4,
    });
    expect([recipe.batchSize, recipe.epochs, recipe.dropLast]).toEqual([128, 200, true]);
    expect(recipe.schedule.milestones).toEqual([60, 120, 160]);
    expect(recipe.augmentation).toEqual({
      crop: { size: 32, padding: 4, mode: 'reflect' },
      horizontalFlip: 0.5,
    });
  });

  it('drops the rate by 0.2 at epochs 60, 120 and 160 (0-indexed, as MultiStepLR)', () => {
    const expected: [number, number][] = [
      [0, 0.1],
      [59, 0.1],
      [60, 0.02],
      [119, 0.02],
      [120, 0.004],
      [159, 0.004],
      [160, 0.0008],
      [199, 0.0008],
    ];
    for (const [epoch, rate] of expected) expect(learningRateAt(recipe, epoch)).toBeCloseTo(rate, 12);
  });

  it('marks the epochs where the rate drops', () => {
    expect([0, 59, 60, 61, 120, 160].map((epoch) => isLearningRateDrop(recipe, epoch))).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
    ]);
  });

  it('rejects bad epochs and bad fields with the field name', () => {
    expect(() => learningRateAt(recipe, -1)).toThrow(/epoch must be an integer >= 0, got -1/);
    expect(() => paperRecipe({ batchSize: 0 })).toThrow(/recipe.batchSize must be >= 1, got 0/);
    expect(() =>
      validateRecipe({ ...recipe, schedule: { ...recipe.schedule, milestones: [120, 60] } }),
    ).toThrow(/increase strictly/);
    expect(() => validateRecipe({ ...recipe, optimizer: { ...recipe.optimizer, momentum: 0 } })).toThrow(
      /Nesterov momentum needs momentum > 0/,
    );
    expect(() =>
      validateRecipe({ ...recipe, optimizer: { ...recipe.optimizer, learningRate: '0.1' } }),
    ).toThrow(TypeError);
    expect(() => validateRecipe({ ...recipe, extra: 1 })).toThrow(/recipe.extra is not a known field/);
  });

  it('survives a JSON round trip', () => {
    expect(validateRecipe(JSON.parse(JSON.stringify(recipe)))).toEqual(recipe);
  });

  it('validateOptimizer checks an optimizer alone, naming the path it is given', () => {
    const optimizer = paperRecipe().optimizer;
    expect(validateOptimizer(optimizer)).toBe(optimizer);
    expect(() => validateOptimizer({ ...optimizer, momentum: -1 })).toThrow(
      new RangeError('optimizer.momentum must be >= 0, got -1'),
    );
    expect(() => validateOptimizer({ ...optimizer, dampening: 0.5 }, 'options.optimizer')).toThrow(
      new RangeError(
        'options.optimizer: Nesterov momentum needs momentum > 0 and dampening 0 (as in PyTorch)',
      ),
    );
  });
});
