import { parseCommand } from '../arguments.js';
import type { Command } from '../command.js';
import { EXIT_CODES, UserError } from '../errors.js';
import { progressLine } from '../conformance-progress.js';
import { conformancePolicy } from '../runtime-loader.js';
import { DEFAULT_RUNTIMES, parseRuntimeList, runtimeFactory } from '../runtime-targets.js';

/** The options of `wrn conformance` besides the common ones (each named in its help). */
const CONFORMANCE_OPTIONS = {
  runtime: { type: 'string' },
  level: { type: 'string' },
  cases: { type: 'string' },
} as const;

/**
 * `wrn conformance`: the runtime x case table of the shared conformance suite for the runtimes that run here.
 *
 * @example
 * await conformanceCommand.run(['--runtime', 'reference,tfjs/wasm', '--json'], io);
 */
export const conformanceCommand: Command = {
  name: 'conformance',
  options: CONFORMANCE_OPTIONS,
  summary: 'run the shared conformance suite against runtimes and print the runtime x case table',
  help: `Usage: wrn conformance [--runtime LIST] [--level quick|full] [--cases ID,ID...] [--json]

LIST is comma-separated runtime[/backend] entries; default ${DEFAULT_RUNTIMES}.
--cases runs only these case ids (e.g. eval-forward,train-step); default every case.
--level quick (the default) applies the exclusions and time limits each runtime package exports (with
their reasons; excluded cases show as skipped, a case over its limit fails); --level full runs everything.
Runtimes run one after another, each released when its cases are done; each case prints on stderr as it
finishes, with its time. A runtime that cannot load here fails its cases with the reason; cases needing a
capability the runtime lacks (training, a memory report) show as skipped with the reason. --json prints
{ rows: [{ runtime, backend?, case, status: pass|fail|skip, reason? }], passed, failed, skipped }.
Exit code 1 when a case fails.

Example:
  wrn conformance --runtime reference,tfjs/wasm,onnx`,
  async run(argv, io) {
    const { values } = parseCommand('conformance', argv, CONFORMANCE_OPTIONS);
    const level = values.level ?? 'quick';
    if (level !== 'quick' && level !== 'full')
      throw new UserError(`--level must be quick or full, got '${level}'`, EXIT_CODES.usage);
    const entries = parseRuntimeList(values.runtime ?? DEFAULT_RUNTIMES);
    const { CONFORMANCE_CASES, formatReport, runConformance } = await import('@wrn/conformance');
    const cases = values.cases === undefined ? undefined : caseList(values.cases, CONFORMANCE_CASES);
    const targets = [];
    for (const entry of entries) {
      // By-hand full runs are the point of --level full: no CI exclusions, no time limits.
      const policy = level === 'quick' ? await conformancePolicy(entry.name) : {};
      targets.push({ factory: runtimeFactory(entry, { verbose: Boolean(values.verbose) }), ...policy });
    }
    // runConformance runs the runtimes one after another and disposes each when its cases are done.
    const report = await runConformance(targets, {
      level,
      ...(cases ? { cases } : {}),
      onCase: (finished) => io.err(`${progressLine(finished)}\n`),
    });
    if (values.json) {
      const rows = report.rows.map(({ entries: _entries, ...row }) => row);
      io.out(`${JSON.stringify({ ...report, rows })}\n`);
    } else {
      io.out(`${formatReport(report)}\n`);
    }
    return report.failed > 0 ? EXIT_CODES.userError : EXIT_CODES.ok;
  },
};

/** Checks a `--cases` list against the suite's case ids. */
function caseList(list: string, known: readonly { id: string }[]): string[] {
  const ids = list
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.find((id) => !known.some((candidate) => candidate.id === id));
  if (unknown !== undefined || ids.length === 0) {
    throw new UserError(
      `--cases: unknown case '${unknown ?? list}'; use a comma-separated list of ${known.map((c) => c.id).join(', ')}`,
      EXIT_CODES.usage,
    );
  }
  return ids;
}
