import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainableRuntime } from '@wrn/core';
import { createReferenceRuntime } from '@wrn/runtime-reference';
import { generateSyntheticDataset } from '@wrn/data';
import { paperRecipe, wrn, type TrainingRecipe } from '@wrn/spec';
import { evaluationData, trainingData, type TrainOptions } from '../src/index.js';
import { fileRunStore } from '../src/node.js';

/** A tiny WRN on 8x8 images with dropout, so runs take a second on the float64 reference. */
export const spec = wrn({ depth: 10, widenFactor: 1, numClasses: 3, inputSize: 8, dropout: 0.3 });

export function tinyRecipe(overrides: Partial<TrainingRecipe> = {}): TrainingRecipe {
  return paperRecipe({
    batchSize: 4,
    epochs: 3,
    schedule: { type: 'multi-step', milestones: [1, 2], gamma: 0.5, resetMomentum: false },
    augmentation: { crop: { size: 8, padding: 1, mode: 'reflect' }, horizontalFlip: 0.5 },
    ...overrides,
  });
}

export const trainSet = generateSyntheticDataset({ classes: 3, perClass: 5, seed: 1, height: 8, width: 8 });
export const testSet = generateSyntheticDataset({ classes: 3, perClass: 2, seed: 2, height: 8, width: 8 });

export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'wrn-train-'));
}

/**
 * The reference rounding every stored value to float32, like the real runtimes: a checkpoint (float32) then holds
 * the exact state, so a resumed run can match an uninterrupted one bit for bit.
 */
export const float32Reference = () => createReferenceRuntime({ precision: 'float32' });

export function options(
  runDir: string,
  recipe: TrainingRecipe,
  runtime: TrainableRuntime = float32Reference(),
): TrainOptions {
  return {
    runtime,
    spec,
    recipe,
    store: fileRunStore(runDir),
    seed: 7,
    train: trainingData(trainSet, { spec, recipe, seed: 7 }),
    test: evaluationData(testSet, { spec, batchSize: 4 }),
  };
}
