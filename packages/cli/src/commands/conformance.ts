import { parseCommand } from '../arguments.js';
import type { Command } from '../command.js';
import { EXIT_CODES, UserError } from '../errors.js';
import { conformanceExclusions } from '../runtime-loader.js';
import { DEFAULT_RUNTIMES, parseRuntimeList, runtimeFactory } from '../runtime-targets.js';

/**
 * `wrn conformance`: the runtime x case table of the shared conformance suite for the runtimes that run here.
 *
 * @example
 * await conformanceCommand.run(['--runtime', 'reference,tfjs/wasm', '--json'], io);
 */
export const conformanceCommand: Command = {
  name: 'conformance',
  summary: 'run the shared conformance suite against runtimes and print the runtime x case table',
  help: `Usage: wrn conformance [--runtime LIST] [--level quick|full] [--json]

LIST is comma-separated runtime[/backend] entries; default ${DEFAULT_RUNTIMES}.
A runtime that cannot load here fails its cases with the reason; cases a runtime package excludes (with
its reason) show as skipped. --json prints
{ rows: [{ runtime, backend?, case, status: pass|fail|skip, reason? }], passed, failed, skipped }.
Exit code 1 when a case fails.

Example:
  wrn conformance --runtime reference,tfjs/wasm,onnx`,
  async run(argv, io) {
    const { values } = parseCommand('conformance', argv, {
      runtime: { type: 'string' },
      level: { type: 'string' },
    });
    const level = values.level ?? 'quick';
    if (level !== 'quick' && level !== 'full')
      throw new UserError(`--level must be quick or full, got '${level}'`, EXIT_CODES.usage);
    const entries = parseRuntimeList(values.runtime ?? DEFAULT_RUNTIMES);
    const { formatReport, runConformance } = await import('@wrn/conformance');
    const targets = await Promise.all(
      entries.map(async (entry) => ({
        factory: runtimeFactory(entry),
        exclude: await conformanceExclusions(entry.name),
      })),
    );
    const report = await runConformance(targets, { level });
    if (values.json) {
      const rows = report.rows.map(({ entries: _entries, ...row }) => row);
      io.out(`${JSON.stringify({ ...report, rows })}\n`);
    } else {
      io.out(`${formatReport(report)}\n`);
    }
    return report.failed > 0 ? EXIT_CODES.userError : EXIT_CODES.ok;
  },
};
