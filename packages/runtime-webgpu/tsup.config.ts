import { createTsupConfig } from '../../tsup.shared.js';

// Two entries with one API: Node (Dawn through the `webgpu` package) and browsers (`navigator.gpu` only).
export default createTsupConfig({ entry: ['src/index.ts', 'src/browser.ts'] });
