import { validateRecipe } from './validate.js';

/**
 * Stochastic gradient descent exactly as PyTorch's `torch.optim.SGD` (dampening 0), applied to every parameter:
 *
 * ```text
 * g   = grad + weightDecay * w                 // L2 weight decay on *every* parameter (BN and biases too)
 * buf = momentum * buf + g                     // buf = g on the first step (or after a momentum reset)
 * w  -= lr * (g + momentum * buf)              // Nesterov; plain momentum would be w -= lr * buf
 * ```
 *
 * @example
 * const sgd: SgdSpec = { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true, dampening: 0, weightDecay: 5e-4 };
 */
export interface SgdSpec {
  type: 'sgd';
  learningRate: number;
  momentum: number;
  nesterov: boolean;
  dampening: number;
  weightDecay: number;
}

/**
 * Step decay: 0-indexed epoch e uses `learningRate * gamma ^ (number of milestones <= e)`, as PyTorch's
 * MultiStepLR. `resetMomentum` clears the momentum buffers whenever the rate drops (the authors' code does).
 *
 * @example
 * const schedule: MultiStepSchedule = { type: 'multi-step', milestones: [60, 120, 160], gamma: 0.2, resetMomentum: false };
 */
export interface MultiStepSchedule {
  type: 'multi-step';
  milestones: number[];
  gamma: number;
  resetMomentum: boolean;
}

/**
 * Training-time augmentation: random crop of `crop.size` from the image padded by `crop.padding`, then a
 * horizontal flip with probability `horizontalFlip`.
 *
 * @example
 * const augmentation: AugmentationSpec = { crop: { size: 32, padding: 4, mode: 'reflect' }, horizontalFlip: 0.5 };
 */
export interface AugmentationSpec {
  crop: { size: number; padding: number; mode: 'reflect' | 'zeros' } | null;
  horizontalFlip: number;
}

/**
 * The training recipe as data. Normalisation lives in the model's `input` so inference knows it too.
 *
 * @example
 * const recipe = paperRecipe();
 * recipe.epochs; // 200
 */
export interface TrainingRecipe {
  optimizer: SgdSpec;
  schedule: MultiStepSchedule;
  batchSize: number;
  epochs: number;
  /** Drop the last incomplete batch of each epoch (BatchNorm statistics of a tiny batch are noisy). */
  dropLast: boolean;
  augmentation: AugmentationSpec;
}

/**
 * The paper's CIFAR recipe, every default with its reason, optionally overridden field by field.
 *
 * @example
 * paperRecipe({ epochs: 10, batchSize: 64 });
 */
export function paperRecipe(overrides: Partial<TrainingRecipe> = {}): TrainingRecipe {
  const recipe: TrainingRecipe = {
    optimizer: {
      type: 'sgd',
      learningRate: 0.1, // the paper's initial rate for batch 128
      momentum: 0.9, // standard heavy-ball momentum, as in the paper
      nesterov: true, // the paper uses Nesterov momentum
      dampening: 0, // the paper's update has no dampening
      weightDecay: 5e-4, // the paper's L2 penalty, applied to every parameter as in the authors' code
    },
    schedule: {
      type: 'multi-step',
      milestones: [60, 120, 160], // the paper drops the rate at these epochs...
      gamma: 0.2, // ...by a factor of 5
      resetMomentum: false, // PyTorch's MultiStepLR keeps the buffers; set true for the authors' Lua behaviour
    },
    batchSize: 128, // the paper's batch
    epochs: 200, // the paper trains 200 epochs on CIFAR
    dropLast: true, // tiny trailing batches make BatchNorm statistics noisy
    augmentation: {
      crop: { size: 32, padding: 4, mode: 'reflect' }, // the paper: random crops from images padded by 4 (reflection)
      horizontalFlip: 0.5, // the paper: random horizontal flips
    },
    ...overrides,
  };
  return validateRecipe(recipe);
}

/**
 * The learning rate of 0-indexed epoch `epoch`.
 *
 * @example
 * const recipe = paperRecipe();
 * learningRateAt(recipe, 59);  // 0.1
 * learningRateAt(recipe, 60);  // 0.02   (one milestone <= 60)
 * learningRateAt(recipe, 160); // 0.0008 (three milestones <= 160)
 */
export function learningRateAt(
  recipe: Pick<TrainingRecipe, 'optimizer' | 'schedule'>,
  epoch: number,
): number {
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new RangeError(`epoch must be an integer >= 0, got ${epoch}`);
  // Step 1: count the milestones already reached (a milestone m applies from epoch m on).
  const drops = recipe.schedule.milestones.filter((milestone) => milestone <= epoch).length;
  // Step 2: the base rate times gamma once per reached milestone.
  return recipe.optimizer.learningRate * recipe.schedule.gamma ** drops;
}

/**
 * True when `epoch` starts with a lower rate than the epoch before (where a momentum reset applies).
 *
 * @example
 * isLearningRateDrop(paperRecipe(), 60); // true
 */
export function isLearningRateDrop(recipe: Pick<TrainingRecipe, 'schedule'>, epoch: number): boolean {
  return epoch > 0 && recipe.schedule.milestones.includes(epoch);
}
