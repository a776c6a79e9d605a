import type { ConformanceReport } from './run-conformance.js';

/** Reasons longer than this are cut in the text table (the JSON keeps them whole). */
const REASON_WIDTH = 160;

/**
 * Formats a report as a text table (runtime, case, status, reason, closing with the totals) or as JSON.
 *
 * @example
 * console.log(formatReport(report));            // the table
 * writeFileSync('conformance.json', formatReport(report, 'json'));
 */
export function formatReport(
  report: ConformanceReport,
  format: 'text' | 'json' = 'text', // what a person reads in a terminal; JSON is for tools
): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format !== 'text') throw new RangeError(`format must be 'text' or 'json', got '${String(format)}'`);
  const cells = report.rows.map((row) => {
    const reason = row.reason ?? '';
    return [
      row.backend ? `${row.runtime}/${row.backend}` : row.runtime,
      row.case,
      row.status,
      reason.length > REASON_WIDTH ? `${reason.slice(0, REASON_WIDTH - 3)}...` : reason,
    ];
  });
  const header = ['runtime', 'case', 'status', 'reason'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (cell: string[]) =>
    cell
      .map((text, column) => (column < 3 ? text.padEnd(widths[column]!) : text))
      .join('  ')
      .trimEnd();
  const totals = `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line), '', totals].join(
    '\n',
  );
}
