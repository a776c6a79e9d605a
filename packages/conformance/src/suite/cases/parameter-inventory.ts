import { countParameters, expandGraph, initWeights } from '@wrn/spec';
import { assertMapsClose, assertSameNames, check } from '../compare.js';
import { withExecutors } from '../executor-scope.js';
import { conformanceWeights } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/** Weights round-trip bit for bit: a float32 value in is the same float32 value out. */
const EXACT = { atol: 0, rtol: 0 };

/**
 * Case 1: `getWeights()` holds exactly the spec's parameters (names in graph order, shapes, total count), weights
 * given to `compile`/`setWeights` come back bit for bit, the default weights are `initWeights(spec, seed)`, and
 * `setWeights` rejects a map with a parameter missing.
 *
 * @example
 * await parameterInventoryCase.run(context);
 */
export const parameterInventoryCase: ConformanceCase = {
  id: 'parameter-inventory',
  title: "exactly the spec's parameter names, shapes and counts; weights round-trip exactly",
  entries: 'all',
  skipReason: () => undefined,
  async run({ runtime, entry, seed }) {
    const { spec } = entry;
    const graph = expandGraph(spec);
    await withExecutors(runtime, async (compile) => {
      const weights = conformanceWeights(spec, seed);
      const executor = await compile(spec, { weights, seed });
      const got = await executor.getWeights();
      assertSameNames(
        'getWeights() names',
        [...got.keys()],
        graph.parameters.map((p) => p.name),
      );
      const total = [...got.values()].reduce((sum, tensor) => sum + tensor.data.length, 0);
      check(
        total === countParameters(graph).total,
        `getWeights() holds ${total} values, the spec has ${countParameters(graph).total}`,
      );
      assertMapsClose('getWeights() after compile({ weights })', got, weights, EXACT);

      const other = conformanceWeights(spec, seed + 1);
      await executor.setWeights(other);
      assertMapsClose('getWeights() after setWeights()', await executor.getWeights(), other, EXACT);

      const incomplete = new Map(other);
      incomplete.delete(graph.parameters.at(-1)!.name);
      const rejected = await executor.setWeights(incomplete).then(
        () => false,
        () => true,
      );
      check(
        rejected,
        `setWeights() accepted a map without '${graph.parameters.at(-1)!.name}'; it must throw`,
      );

      const defaults = await compile(spec, { seed: seed + 2 });
      assertMapsClose(
        'compile({ seed }) default weights vs initWeights(spec, seed)',
        await defaults.getWeights(),
        initWeights(spec, seed + 2),
        EXACT,
      );
    });
  },
};
