import { describeRuntime } from '@wrn/conformance/vitest';
import { CONFORMANCE_EXCLUSIONS, CONFORMANCE_TIME_LIMITS, createTfjsRuntime } from '../src/index.js';

// tfjs's cpu backend is pure JavaScript (a training step of the 32x32 entry takes ~4 s here), so by default the
// quick level runs on its three 8x8 networks, without the multi-step and real-size cases (this package's exported
// exclusions, with their reasons); the wasm test runs everything and the two backends share every line of this
// package except tfjs's kernels. WRN_CONFORMANCE_CPU=full runs the whole quick level here (about 4 minutes on 2
// cores, plus the real-size step).
const full = process.env.WRN_CONFORMANCE_CPU === 'full';

await describeRuntime(() => createTfjsRuntime({ backend: 'cpu' }), {
  level: 'quick',
  exclude: full ? [] : [...CONFORMANCE_EXCLUSIONS],
  timeLimits: [...CONFORMANCE_TIME_LIMITS],
});
