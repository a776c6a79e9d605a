import {
  CONFORMANCE_EXCLUSIONS,
  CONFORMANCE_TIME_LIMITS,
  createReferenceRuntime,
} from '@wrn/runtime-reference';
import { describeRuntime } from '../src/vitest.js';

// The oracle against itself through the Executor boundary (float32 in and out): it must pass every case. It lives
// here, not in @wrn/runtime-reference, because that package cannot depend on the suite that depends on it.
await describeRuntime(() => createReferenceRuntime(), {
  exclude: [...CONFORMANCE_EXCLUSIONS],
  timeLimits: [...CONFORMANCE_TIME_LIMITS],
});
