import { deriveSeed } from '@wrn/spec';
import type { Runtime } from '@wrn/core';
import { CONFORMANCE_CASES } from './cases/index.js';
import { ConformanceSkip } from './failure.js';
import { defaultTolerance, type ConformanceOptions, type TimeLimit } from './options.js';
import { specMatrix } from './spec-matrix.js';
import type { CaseContext, CaseOutcome, ConformanceCase, SpecEntry } from './types.js';

/**
 * One planned run of a case on a spec entry; `skipReason` is set when it is excluded or a capability is absent,
 * `timeLimit` when one of `options.timeLimits` applies.
 *
 * @example
 * const item: PlannedCase = { case: evalForwardCase, entry, skipReason: undefined, timeLimit: undefined, context };
 */
export interface PlannedCase {
  case: ConformanceCase;
  entry: SpecEntry;
  skipReason: string | undefined;
  timeLimit: TimeLimit | undefined;
  context: CaseContext;
}

/**
 * Plans the suite for one runtime: the cases (in order) times their spec entries (the matrix, its first entry, or a
 * case's own entry, which `specs` and `level` do not change), with exclusions and capability skips resolved up front. `describeRuntime` and `runConformance` both run this plan, so they cannot diverge.
 * `peers` are the created `options.peers`.
 *
 * @example
 * const plan = planConformance(createReferenceRuntime(), { level: 'quick' });
 */
export function planConformance(
  runtime: Runtime,
  options: ConformanceOptions = {},
  peers: Runtime[] = [],
): PlannedCase[] {
  const specs = options.specs ?? specMatrix(options.level); // the affordable quick matrix unless told otherwise
  if (specs.length === 0)
    throw new RangeError('options.specs is empty; pass at least one spec entry or leave it out');
  const known = new Set(CONFORMANCE_CASES.map((c) => c.id));
  const limits = options.timeLimits ?? [];
  const named = [...(options.exclude ?? []).map((e) => e.case), ...limits.flatMap((l) => l.case ?? [])];
  for (const id of [...(options.cases ?? []), ...named]) {
    if (!known.has(id))
      throw new RangeError(`unknown conformance case '${id}'; known cases: ${[...known].join(', ')}`);
  }
  for (const exclusion of options.exclude ?? []) {
    if (typeof exclusion.reason !== 'string' || exclusion.reason.trim() === '') {
      throw new TypeError(
        `the exclusion of case '${exclusion.case}' needs a reason (a non-empty string saying why)`,
      );
    }
  }
  for (const limit of limits) {
    if (typeof limit.reason !== 'string' || limit.reason.trim() === '' || !(limit.milliseconds > 0)) {
      throw new TypeError(
        `the time limit of case '${limit.case ?? 'every case'}' needs milliseconds > 0 and a reason (a non-empty string saying why)`,
      );
    }
  }
  const onBackend = (item: { backend?: string }) =>
    item.backend === undefined || item.backend === runtime.backend;
  const tolerance = options.tolerance ?? defaultTolerance(runtime.capabilities.precision); // by precision, see there
  const plan: PlannedCase[] = [];
  for (const conformanceCase of CONFORMANCE_CASES) {
    if (options.cases && !options.cases.includes(conformanceCase.id)) continue;
    for (const entry of caseEntries(conformanceCase, specs)) {
      const exclusion = options.exclude?.find(
        (e) =>
          e.case === conformanceCase.id && (e.spec === undefined || e.spec === entry.name) && onBackend(e),
      );
      const timeLimit = limits.find(
        (l) => (l.case === undefined || l.case === conformanceCase.id) && onBackend(l),
      );
      const capability = conformanceCase.skipReason(runtime.capabilities);
      const skipReason = exclusion
        ? `excluded: ${exclusion.reason}`
        : capability && `${runtime.name} ${capability}`;
      const seed = deriveSeed(options.seed ?? 0, `${conformanceCase.id}/${entry.name}`) % 1_000_000; // small: cases add to it
      plan.push({
        case: conformanceCase,
        entry,
        skipReason,
        timeLimit,
        context: { runtime, entry, tolerance, seed, peers },
      });
    }
  }
  return plan;
}

/** The entries a case runs on: the matrix, its first entry, or the case's own entry. */
function caseEntries(conformanceCase: ConformanceCase, specs: SpecEntry[]): SpecEntry[] {
  const { entries } = conformanceCase;
  if (entries === 'all') return specs;
  return entries === 'first' ? specs.slice(0, 1) : [entries.own];
}

/**
 * Runs one planned case and turns what it threw into an outcome: a `ConformanceSkip` is a skip, anything else a
 * failure with its message.
 *
 * @example
 * const outcome = await runPlannedCase(plan[0]); // { status: 'pass' }
 */
export async function runPlannedCase(item: PlannedCase): Promise<CaseOutcome> {
  if (item.skipReason) return { status: 'skip', reason: item.skipReason };
  const started = performance.now();
  try {
    await item.case.run(item.context);
    return overTime(item.timeLimit, performance.now() - started) ?? { status: 'pass' };
  } catch (error) {
    if (error instanceof ConformanceSkip) return { status: 'skip', reason: error.message };
    const message =
      error instanceof Error
        ? `${error.name === 'ConformanceFailure' ? '' : `${error.name}: `}${error.message}`
        : String(error);
    return { status: 'fail', reason: message };
  }
}

/** A failure when a passing case took longer than its time limit. */
function overTime(limit: TimeLimit | undefined, milliseconds: number): CaseOutcome | undefined {
  if (limit === undefined || milliseconds <= limit.milliseconds) return undefined;
  const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
  return {
    status: 'fail',
    reason: `took ${seconds(milliseconds)}, over its ${seconds(limit.milliseconds)} time limit (${limit.reason})`,
  };
}
