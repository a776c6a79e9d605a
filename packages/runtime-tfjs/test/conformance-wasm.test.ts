import { describeRuntime } from '@wrn/conformance/vitest';
import { CONFORMANCE_EXCLUSIONS, CONFORMANCE_TIME_LIMITS, createTfjsRuntime } from '../src/index.js';

// The wasm backend trains through this package's convolution-gradient kernels; the quick level keeps it short. The
// package's exclusions and time limits apply per backend (none are for wasm today).
await describeRuntime(() => createTfjsRuntime({ backend: 'wasm' }), {
  level: 'quick',
  exclude: [...CONFORMANCE_EXCLUSIONS],
  timeLimits: [...CONFORMANCE_TIME_LIMITS],
});
