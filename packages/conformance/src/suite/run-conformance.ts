import type { Runtime } from '@wrn/core';
import type { ConformanceOptions } from './options.js';
import { planConformance, runPlannedCase } from './plan.js';
import type { CaseOutcome, RuntimeFactory } from './types.js';
import { CONFORMANCE_CASES } from './cases/index.js';

/**
 * A runtime to run the suite on, with its own tolerance and exclusions over the shared options.
 *
 * @example
 * const target: ConformanceTarget = { factory: () => createTfjsRuntime({ backend: 'cpu' }), tolerance: { atol: 1e-4, rtol: 1e-4 } };
 */
export type ConformanceTarget =
  | RuntimeFactory
  | ({ factory: RuntimeFactory } & Pick<ConformanceOptions, 'tolerance' | 'exclude' | 'timeLimits'>);

/**
 * One cell of the runtime x case table, with the per-spec outcomes it sums up.
 *
 * @example
 * const row: ConformanceRow = { runtime: 'reference', backend: 'float64', case: 'eval-forward', status: 'pass', entries: [] };
 */
export interface ConformanceRow extends CaseOutcome {
  runtime: string;
  backend?: string;
  case: string;
  entries: { spec: string; status: CaseOutcome['status']; reason?: string; milliseconds: number }[];
}

/**
 * The suite's result: one row per runtime and case; `failed` counts the failing rows.
 *
 * @example
 * const report = await runConformance([() => createReferenceRuntime()]);
 * report.failed; // 0
 */
export interface ConformanceReport {
  rows: ConformanceRow[];
  passed: number;
  failed: number;
  skipped: number;
}

function summarize(entries: ConformanceRow['entries']): CaseOutcome {
  const failures = entries.filter((e) => e.status === 'fail');
  if (failures.length > 0) {
    const more =
      failures.length > 1 ? ` (and ${failures.length - 1} more spec${failures.length > 2 ? 's' : ''})` : '';
    return { status: 'fail', reason: `${failures[0]!.spec}: ${failures[0]!.reason}${more}` };
  }
  const skips = entries.filter((e) => e.status === 'skip');
  if (skips.length === entries.length)
    return { status: 'skip', reason: skips[0]?.reason ?? 'no spec entries' };
  if (skips.length > 0)
    return {
      status: 'pass',
      reason: `${skips.length} of ${entries.length} specs skipped: ${skips[0]!.reason}`,
    };
  return { status: 'pass' };
}

/**
 * Runs the whole suite outside vitest on one or more runtimes, one after another, and returns the runtime x case
 * table (the CLI prints it with `formatReport`). A runtime that cannot be created fails every case with the reason.
 * Each runtime (and each peer, at the end) is disposed when its cases are done, if it has a `dispose()`;
 * `options.onCase` hears of each case on each spec entry as it finishes.
 *
 * @example
 * const report = await runConformance([() => createReferenceRuntime()], { level: 'quick' });
 * console.log(formatReport(report));
 */
export async function runConformance(
  targets: ConformanceTarget | ConformanceTarget[],
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const rows: ConformanceRow[] = [];
  const peers: Runtime[] = [];
  for (const peer of options.peers ?? []) peers.push(await peer()); // one at a time: some runtimes set global state
  for (const target of Array.isArray(targets) ? targets : [targets]) {
    const { factory, ...own } = typeof target === 'function' ? { factory: target } : target;
    let runtime: Runtime;
    try {
      runtime = await factory();
    } catch (error) {
      const reason = `the runtime could not be created: ${error instanceof Error ? error.message : String(error)}`;
      for (const c of CONFORMANCE_CASES) {
        if (options.cases && !options.cases.includes(c.id)) continue;
        const row = { runtime: factory.name || 'unknown', case: c.id, status: 'fail' as const, reason };
        rows.push({ ...row, entries: [] });
        options.onCase?.({ ...row, spec: 'every entry', milliseconds: 0 });
      }
      continue;
    }
    const byCase = new Map<string, ConformanceRow['entries']>();
    try {
      for (const item of planConformance(runtime, { ...options, ...own }, peers)) {
        const started = performance.now();
        const outcome = await runPlannedCase(item);
        const entry = {
          spec: item.entry.name,
          ...outcome,
          milliseconds: Math.round(performance.now() - started),
        };
        byCase.set(item.case.id, [...(byCase.get(item.case.id) ?? []), entry]);
        options.onCase?.({ runtime: runtime.name, backend: runtime.backend, case: item.case.id, ...entry });
      }
    } finally {
      await dispose(runtime); // before the next runtime starts: a WebGPU device would keep Node alive
    }
    for (const [id, entries] of byCase) {
      rows.push({
        runtime: runtime.name,
        backend: runtime.backend,
        case: id,
        ...summarize(entries),
        entries,
      });
    }
  }
  for (const peer of peers) await dispose(peer);
  const count = (status: CaseOutcome['status']) => rows.filter((row) => row.status === status).length;
  return { rows, passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}

/** Calls the runtime's `dispose()` where it has one (the contract does not require it). */
async function dispose(runtime: Runtime): Promise<void> {
  await (runtime as Runtime & { dispose?: () => Promise<void> | void }).dispose?.();
}
