import { createTsupConfig } from '../../tsup.shared.js';

// Three entries: the browser-safe pipeline, the Node-only readers/download, and the batch worker script.
export default createTsupConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/batch-worker.ts'] });
