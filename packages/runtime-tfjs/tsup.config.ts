import { createTsupConfig } from '../../tsup.shared.js';

export default createTsupConfig({
  // The data-parallel worker runs as its own script (node:worker_threads loads it by file URL).
  entry: { index: 'src/index.ts', 'data-parallel-worker': 'src/data-parallel/replica-worker.ts' },
  // Only the public surface ships: declarations tagged `@internal` are left out of the published types.
  dts: { compilerOptions: { composite: false, incremental: false, stripInternal: true } },
});
