import type { ConformanceExclusion, ConformanceTimeLimit } from '@wrn/core';

/** The quick matrix's 32x32 entry. */
const LARGE_ENTRY = 'WRN-10-1 paper B(3,3) 32x32 batch 1';
/** Cases that take 8-70 s each on the 32x32 network under SwiftShader; they pass. */
const SLOW_ON_32X32 = ['determinism', 'learning-rate-milestone', 'checkpoint-round-trip', 'micro-batch-step'];
const FULL_RUN = 'set WRN_WEBGPU_CONFORMANCE=all (package tests) or run wrn conformance --level full';

/**
 * The conformance cases this package's CI does not run, each with its reason: CI has no GPU, so the suite runs on
 * SwiftShader (a CPU emulating a GPU), where the 32x32 network's multi-step cases and the real-size step take too
 * long. Its tests and `wrn conformance --level quick` pass them to the shared suite.
 *
 * @example
 * await describeRuntime(() => createWebGpuRuntime(), { exclude: [...CONFORMANCE_EXCLUSIONS] });
 */
export const CONFORMANCE_EXCLUSIONS: readonly ConformanceExclusion[] = [
  ...SLOW_ON_32X32.map((id) => ({
    case: id,
    spec: LARGE_ENTRY,
    reason: `over 8 s on SwiftShader (a CPU emulating a GPU); passes, ${FULL_RUN}`,
  })),
  {
    case: 'real-size-step',
    reason: `one step of WRN-10-1 at 32x32 on a batch of 64 takes minutes on SwiftShader; ${FULL_RUN}`,
  },
];

/**
 * Per-case time limits, each with its reason: 300 s for every case, the emulated GPU being slow on a shared 2-core
 * machine (the 32x32 entry's slow cases take up to 70 s there).
 *
 * @example
 * await describeRuntime(() => createWebGpuRuntime(), { timeLimits: [...CONFORMANCE_TIME_LIMITS] });
 */
export const CONFORMANCE_TIME_LIMITS: readonly ConformanceTimeLimit[] = [
  {
    milliseconds: 300_000,
    reason:
      'SwiftShader (a CPU emulating a GPU) on a shared 2-core machine: the slowest quick cases take up to 70 s',
  },
];
