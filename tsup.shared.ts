import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every package uses: ESM, declarations and sourcemaps.
 *
 * @example
 * // packages/spec/tsup.config.ts
 * import { createTsupConfig } from '../../tsup.shared.js';
 * export default createTsupConfig({ entry: ['src/index.ts'] });
 */
export function createTsupConfig(options: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    // Declarations are built outside the composite project (tsup's dts plugin cannot build composite projects).
    dts: { compilerOptions: { composite: false, incremental: false } },
    sourcemap: true,
    clean: true,
    target: 'es2022',
    ...options,
  });
}
