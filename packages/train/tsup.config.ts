import { createTsupConfig } from '../../tsup.shared.js';

// Two entries: the browser-safe loop and memory store, and the Node-only run folder (file store, lock, signals).
export default createTsupConfig({ entry: ['src/index.ts', 'src/node.ts'] });
