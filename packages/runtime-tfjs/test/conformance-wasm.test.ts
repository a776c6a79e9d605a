import { describeRuntime } from '@wrn/conformance/vitest';
import { createTfjsRuntime } from '../src/index.js';

// The wasm backend trains through this package's convolution-gradient kernels; the quick level keeps it short.
await describeRuntime(() => createTfjsRuntime({ backend: 'wasm' }), { level: 'quick' });
