import type { ConformanceCase } from '../types.js';
import { badInputCase } from './bad-input.js';
import { batchIndependenceCase } from './batch-independence.js';
import { checkpointRoundTripCase } from './checkpoint-round-trip.js';
import { determinismCase } from './determinism.js';
import { dropoutStepCase } from './dropout-step.js';
import { evalForwardCase } from './eval-forward.js';
import { gradientsCase } from './gradients.js';
import { learningRateMilestoneCase } from './learning-rate-milestone.js';
import { microBatchStepCase } from './micro-batch-step.js';
import { parameterInventoryCase } from './parameter-inventory.js';
import { realSizeStepCase } from './real-size-step.js';
import { resourceHygieneCase } from './resource-hygiene.js';
import { trainingForwardCase } from './training-forward.js';
import { trainStepCase } from './train-step.js';

/**
 * Every conformance case, in the order. The vitest wrapper and the report both run this one list.
 *
 * @example
 * CONFORMANCE_CASES.map((c) => c.id).includes('eval-forward'); // true
 */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  parameterInventoryCase,
  evalForwardCase,
  trainingForwardCase,
  gradientsCase,
  trainStepCase,
  microBatchStepCase,
  dropoutStepCase,
  realSizeStepCase,
  learningRateMilestoneCase,
  checkpointRoundTripCase,
  determinismCase,
  batchIndependenceCase,
  resourceHygieneCase,
  badInputCase,
];
