import type { ConformanceExclusion, ConformanceTimeLimit } from '@wrn/core';

/** The quick matrix's 32x32 entry: a training step of it takes ~4 s on the cpu backend. */
const LARGE_ENTRY = 'WRN-10-1 paper B(3,3) 32x32 batch 1';
/** The cases that run on every entry of the matrix. */
const MATRIX_CASES = [
  'parameter-inventory',
  'eval-forward',
  'training-forward',
  'gradients',
  'train-step',
  'micro-batch-step',
  'checkpoint-round-trip',
  'batch-independence',
];
const FULL_RUN = 'run it with WRN_CONFORMANCE_CPU=full (package tests) or wrn conformance --level full';
const SLOW = `the pure-JavaScript cpu backend; the wasm backend runs it and shares every line of this package but tfjs's kernels; ${FULL_RUN}`;

/**
 * The conformance cases this package's CI does not run, each with its reason: on the `cpu` backend (pure JavaScript),
 * the 32x32 entry, the multi-step cases and the real-size step (the wasm backend runs everything). Its tests and
 * `wrn conformance --level quick` pass them to the shared suite; the suite applies each to its backend only.
 *
 * @example
 * await describeRuntime(() => createTfjsRuntime({ backend: 'cpu' }), { exclude: [...CONFORMANCE_EXCLUSIONS] });
 */
export const CONFORMANCE_EXCLUSIONS: readonly ConformanceExclusion[] = [
  ...MATRIX_CASES.map((id) => ({
    case: id,
    spec: LARGE_ENTRY,
    backend: 'cpu',
    reason: `seconds a step on ${SLOW}`,
  })),
  { case: 'determinism', backend: 'cpu', reason: `many training steps: tens of seconds on ${SLOW}` },
  {
    case: 'learning-rate-milestone',
    backend: 'cpu',
    reason: `many training steps: tens of seconds on ${SLOW}`,
  },
  {
    case: 'real-size-step',
    backend: 'cpu',
    reason: `one step of WRN-10-1 at 32x32 on a batch of 64 takes minutes (729 s at load 8 on 2 cores; it passes, worst update error 4.0e-5) on ${SLOW}`,
  },
];

/**
 * Per-case time limits beyond the suite's default (the test configuration's 120 s), each with its reason.
 *
 * @example
 * await describeRuntime(() => createTfjsRuntime({ backend: 'cpu' }), { timeLimits: [...CONFORMANCE_TIME_LIMITS] });
 */
export const CONFORMANCE_TIME_LIMITS: readonly ConformanceTimeLimit[] = [
  {
    case: 'real-size-step',
    backend: 'cpu',
    milliseconds: 900_000,
    reason: 'one step at 32x32 on a batch of 64 in pure JavaScript: 729 s measured at load 8 on 2 cores',
  },
];
