import type { Exclusion } from '@wrn/conformance';
import { describeRuntime } from '@wrn/conformance/vitest';
import { afterAll, describe, it } from 'vitest';
import { createWebGpuRuntime, type WebGpuRuntime } from '../src/index.js';
import { webGpuSkipReason } from './webgpu-availability.js';

const runtimes: WebGpuRuntime[] = [];
const factory = async () => {
  const runtime = await createWebGpuRuntime();
  runtimes.push(runtime);
  return runtime;
};
// Releasing the device lets the test worker exit cleanly (Dawn otherwise keeps threads alive at exit).
afterAll(async () => Promise.all(runtimes.map((runtime) => runtime.dispose())));

/** float32 kernels, as tfjs's cpu backend: the suite's starting tolerance. */
const TOLERANCE = { atol: 1e-4, rtol: 1e-4 };
/** Cases that take 8-70 s each on the 32x32 network under SwiftShader; they pass (WRN_WEBGPU_CONFORMANCE=all runs them). */
const SLOW_ON_32X32 = ['determinism', 'learning-rate-milestone', 'checkpoint-round-trip', 'micro-batch-step'];
const LARGE_ENTRY = 'WRN-10-1 paper B(3,3) 32x32 batch 1';
const runEverything = process.env.WRN_WEBGPU_CONFORMANCE === 'all';

const exclude: Exclusion[] = runEverything
  ? []
  : [
      ...SLOW_ON_32X32.map((id) => ({
        case: id,
        spec: LARGE_ENTRY,
        reason:
          'over 8 s on SwiftShader (a CPU emulating a GPU); passes, set WRN_WEBGPU_CONFORMANCE=all to run it',
      })),
      {
        case: 'real-size-step',
        reason:
          'one step of WRN-10-1 at 32x32 on a batch of 64 takes minutes on SwiftShader; set WRN_WEBGPU_CONFORMANCE=all to run it',
      },
    ];

if (webGpuSkipReason === undefined) {
  // The quick level: SwiftShader emulates the GPU on the CPU, so the full matrix would take many minutes here.
  await describeRuntime(factory, { level: 'quick', tolerance: TOLERANCE, exclude });
} else {
  describe('conformance on webgpu', () => {
    it.skip(`skipped: ${webGpuSkipReason}`, () => undefined);
  });
}
