export { CONFORMANCE_CASES } from './cases/index.js';
export { assertClose, assertMapsClose, assertSameNames, isClose } from './compare.js';
export { assertUpdatesClose, updateError } from './update-error.js';
export { ConformanceFailure, ConformanceSkip } from './failure.js';
export {
  CONFORMANCE_OPTIMIZER,
  conformanceBatch,
  conformanceWeights,
  multiStepFixture,
  withoutDropout,
} from './fixtures.js';
export { naturalImageBatch, naturalImages } from './natural-images.js';
export { formatReport } from './format-report.js';
export {
  defaultTolerance,
  looserTolerance,
  type ConformanceOptions,
  type Exclusion,
  type FinishedCase,
  type TimeLimit,
} from './options.js';
export { planConformance, runPlannedCase, type PlannedCase } from './plan.js';
export {
  runConformance,
  type ConformanceReport,
  type ConformanceRow,
  type ConformanceTarget,
} from './run-conformance.js';
export { specMatrix, type ConformanceLevel } from './spec-matrix.js';
export type {
  CaseContext,
  CaseOutcome,
  ConformanceCase,
  RuntimeFactory,
  SpecEntry,
  Tolerance,
} from './types.js';
