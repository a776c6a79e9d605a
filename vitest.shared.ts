import { defineConfig } from 'vitest/config';

/**
 * The one vitest configuration factory every package uses, so test settings live in one place.
 * Each run also writes `test-results/vitest.json`, which `scripts/run-tests.mjs` totals for CI.
 *
 * @example
 * // packages/spec/vitest.config.ts
 * import { createVitestConfig } from '../../vitest.shared.js';
 * export default createVitestConfig();
 */
export function createVitestConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      environment: 'node',
      // Numerical tests on a 2-core machine can be slow; a generous default avoids flaky time-outs.
      testTimeout: options.testTimeout ?? 120_000,
      hookTimeout: options.testTimeout ?? 120_000,
      pool: 'forks',
      reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    },
  });
}
