import { createReferenceRuntime } from '../src/index.js';
import { describeRuntime } from '../src/vitest.js';

// The oracle against itself through the Executor boundary (float32 in and out): it must pass every case.
await describeRuntime(() => createReferenceRuntime());
