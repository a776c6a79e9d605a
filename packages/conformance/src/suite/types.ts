import type { Runtime, RuntimeCapabilities } from '@wrn/core';
import type { ModelSpec } from '@wrn/spec';

/**
 * How close a runtime's numbers must be to the reference: `|a - b| <= atol + rtol * |b|`, b the reference value.
 *
 * @example
 * const tolerance: Tolerance = { atol: 1e-4, rtol: 1e-4 }; // a float32 runtime's starting point
 */
export interface Tolerance {
  atol: number;
  rtol: number;
}

/**
 * Makes the runtime under test; called once per suite run (the runtime then compiles one executor per check).
 *
 * @example
 * const factory: RuntimeFactory = () => createReferenceRuntime();
 */
export type RuntimeFactory = () => Runtime | Promise<Runtime>;

/**
 * One network of the spec matrix and the batch size it is tested with.
 *
 * @example
 * const entry: SpecEntry = { name: 'WRN-10-1 paper B(3,3) 8x8 batch 3', spec: wrn({ depth: 10, widenFactor: 1, inputSize: 8 }), batchSize: 3 };
 */
export interface SpecEntry {
  name: string;
  spec: ModelSpec;
  batchSize: number;
}

/**
 * The result of one case on one spec entry (or on all of them, in a report row).
 *
 * @example
 * const outcome: CaseOutcome = { status: 'skip', reason: 'cannot train (supportsTraining is false)' };
 */
export interface CaseOutcome {
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed (what differed, where, by how much) or why it was skipped. */
  reason?: string;
}

/**
 * What a case runs with.
 *
 * @example
 * await evalForwardCase.run({ runtime, entry, tolerance: { atol: 1e-4, rtol: 1e-4 }, seed: 1 });
 */
export interface CaseContext {
  runtime: Runtime;
  entry: SpecEntry;
  tolerance: Tolerance;
  /** Seeds the case's inputs and weights; derived from the suite seed, the case and the entry. */
  seed: number;
  /** Other runtimes the checkpoint case loads the written file into (`ConformanceOptions.peers`, created). */
  peers?: Runtime[];
}

/**
 * One conformance case: a plain async function over a runtime, shared by the vitest wrapper and the report.
 * `run` throws a `ConformanceFailure` (or anything else) to fail and a `ConformanceSkip` to skip.
 *
 * @example
 * const names = CONFORMANCE_CASES.map((c) => c.id); // ['parameter-inventory', 'eval-forward', ...]
 */
export interface ConformanceCase {
  id: string;
  /** One line: what the case proves. */
  title: string;
  /**
   * Run on every spec entry, only on the first (cases whose cost does not buy coverage per spec), or on the case's
   * own entry whatever the matrix (a case that needs one network size, at every level).
   */
  entries: 'all' | 'first' | { own: SpecEntry };
  /** A reason to skip when a capability is absent, else undefined. */
  skipReason(capabilities: RuntimeCapabilities): string | undefined;
  run(context: CaseContext): Promise<void>;
}
