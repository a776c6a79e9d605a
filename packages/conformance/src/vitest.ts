import type { Runtime } from '@wrn/core';
import { describe, it } from 'vitest';
import type { ConformanceOptions } from './suite/options.js';
import { planConformance, runPlannedCase, type PlannedCase } from './suite/plan.js';
import type { RuntimeFactory } from './suite/types.js';

/**
 * Defines the conformance suite as vitest suites named `<case> [<runtime>/<backend>]`, one test per spec entry.
 * Creates the runtime once (top-level await, so capabilities decide the skips up front); excluded cases and absent
 * capabilities are skipped tests whose names carry the reason; a case's time limit (`options.timeLimits`) is its
 * test's time-out. Runs the same plan as `runConformance`.
 *
 * @example
 * // packages/runtime-tfjs/test/conformance.test.ts
 * import { describeRuntime } from '@wrn/conformance/vitest';
 * await describeRuntime(() => createTfjsRuntime({ backend: 'cpu' }), {
 *   tolerance: { atol: 1e-4, rtol: 1e-4 }, // float32 kernels
 *   exclude: [{ case: 'resource-hygiene', reason: 'the cpu backend keeps a kernel cache' }],
 * });
 */
export async function describeRuntime(
  factory: RuntimeFactory,
  options: ConformanceOptions = {},
): Promise<void> {
  const runtime = await factory();
  const label = runtime.backend ? `${runtime.name}/${runtime.backend}` : runtime.name;
  const peers: Runtime[] = [];
  for (const peer of options.peers ?? []) peers.push(await peer()); // one at a time: some runtimes set global state
  const plan = planConformance(runtime, options, peers);
  const byCase = new Map<string, PlannedCase[]>();
  for (const item of plan) byCase.set(item.case.id, [...(byCase.get(item.case.id) ?? []), item]);
  for (const [id, items] of byCase) {
    describe(`${id} [${label}]`, () => {
      for (const item of items) {
        if (item.skipReason) {
          it.skip(`${item.entry.name} (skipped: ${item.skipReason})`, () => {});
          continue;
        }
        it(
          item.entry.name,
          async (context) => {
            const outcome = await runPlannedCase(item);
            if (outcome.status === 'skip') context.skip(outcome.reason);
            if (outcome.status === 'fail')
              throw new Error(`${id} [${label}] ${item.entry.name}: ${outcome.reason}`);
          },
          item.timeLimit?.milliseconds,
        ); // undefined: the vitest configuration's testTimeout
      }
    });
  }
}

export type { ConformanceOptions, Exclusion, TimeLimit } from './suite/options.js';
export type { RuntimeFactory, Tolerance } from './suite/types.js';
