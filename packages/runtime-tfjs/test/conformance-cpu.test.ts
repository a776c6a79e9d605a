import { specMatrix } from '@wrn/conformance';
import { describeRuntime } from '@wrn/conformance/vitest';
import { createTfjsRuntime } from '../src/index.js';

// tfjs's cpu backend is pure JavaScript (a training step of the 32x32 entry takes ~4 s here), so by default the
// quick level runs on its three 8x8 networks, without the multi-step and real-size cases; the wasm test runs
// everything and the two backends share every line of this package except tfjs's kernels. WRN_CONFORMANCE_CPU=full
// runs the whole quick level here (about 4 minutes on 2 cores, plus the real-size step).
const full = process.env.WRN_CONFORMANCE_CPU === 'full';
const reason =
  'many training steps: tens of seconds on the pure-JavaScript cpu backend; run with WRN_CONFORMANCE_CPU=full';

await describeRuntime(() => createTfjsRuntime({ backend: 'cpu' }), {
  level: 'quick',
  specs: full ? undefined : specMatrix('quick').filter((entry) => !entry.name.includes('32x32')),
  exclude: full
    ? []
    : [
        { case: 'determinism', reason },
        { case: 'learning-rate-milestone', reason },
        {
          case: 'real-size-step',
          reason:
            'one step of WRN-10-1 at 32x32 on a batch of 64 takes minutes on the cpu backend (729 s at load 8 on 2 ' +
            'cores); it passes (worst update error 4.0e-5); run with WRN_CONFORMANCE_CPU=full',
        },
      ],
});
