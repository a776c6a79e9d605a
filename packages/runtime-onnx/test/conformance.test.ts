import { describeRuntime } from '@wrn/conformance/vitest';
import { createOnnxRuntime } from '../src/node.js';

// BN folding on (not the default), so these logits also check folding against the float64 reference; the unfolded
// file is checked against it in tfjs-round-trip.test.ts and against PyTorch in golden.test.ts.
await describeRuntime(() => createOnnxRuntime({ foldBatchNorm: true }), {
  // float32 onnxruntime vs the float64 reference; the suite's float32 default.
  tolerance: { atol: 1e-4, rtol: 1e-4 },
  // WRN_CONFORMANCE_LEVEL=full runs every variant and block type of the matrix (about 30 s here).
  level: process.env.WRN_CONFORMANCE_LEVEL === 'full' ? 'full' : 'quick',
});
