import { createTsupConfig } from '../../tsup.shared.js';

export default createTsupConfig({
  entry: ['src/index.ts', 'src/vitest.ts', 'src/test.ts'],
  external: ['vitest'],
});
