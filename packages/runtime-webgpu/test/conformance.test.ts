import { describeRuntime } from '@wrn/conformance/vitest';
import { afterAll, describe, it } from 'vitest';
import {
  CONFORMANCE_EXCLUSIONS,
  CONFORMANCE_TIME_LIMITS,
  createWebGpuRuntime,
  type WebGpuRuntime,
} from '../src/index.js';
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
const runEverything = process.env.WRN_WEBGPU_CONFORMANCE === 'all';

if (webGpuSkipReason === undefined) {
  // The quick level: SwiftShader emulates the GPU on the CPU, so the full matrix would take many minutes here.
  // The package's exclusions (with their reasons) unless WRN_WEBGPU_CONFORMANCE=all.
  await describeRuntime(factory, {
    level: 'quick',
    tolerance: TOLERANCE,
    exclude: runEverything ? [] : [...CONFORMANCE_EXCLUSIONS],
    timeLimits: [...CONFORMANCE_TIME_LIMITS],
  });
} else {
  describe('conformance on webgpu', () => {
    it.skip(`skipped: ${webGpuSkipReason}`, () => undefined);
  });
}
