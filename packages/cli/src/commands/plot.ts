import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@wrn/checkpoint/node';
import { parseCommand } from '../arguments.js';
import type { Command } from '../command.js';
import { UserError } from '../errors.js';
import { renderTrainingCurves } from '../training-curves.js';

/** The options of `wrn plot` besides the common ones (each named in its help). */
const PLOT_OPTIONS = { out: { type: 'string' } } as const;

/**
 * `wrn plot RUN_DIR`: training curves (loss, error, learning rate) from metrics.jsonl as SVG or HTML.
 *
 * @example
 * await plotCommand.run(['runs/wrn-16-4', '--out', 'curves.svg'], io);
 */
export const plotCommand: Command = {
  name: 'plot',
  options: PLOT_OPTIONS,
  summary: 'draw training curves (loss, error, learning rate) of a run as SVG or HTML',
  help: `Usage: wrn plot RUN_DIR [--out FILE.svg|FILE.html]

Reads RUN_DIR/metrics.jsonl and draws loss, top-1 error and learning rate per epoch with Vega-Lite.
The default output is RUN_DIR/curves.svg; a .html output embeds the SVG in a page.

Example:
  wrn plot runs/wrn-16-4 --out runs/wrn-16-4/curves.html`,
  async run(argv, io) {
    const { values, positionals } = parseCommand('plot', argv, PLOT_OPTIONS);
    const runDir = positionals[0];
    if (!runDir) throw new UserError("a run folder is required, e.g. 'wrn plot runs/wrn-16-4'", 2);
    const metricsPath = join(runDir, 'metrics.jsonl');
    if (!existsSync(metricsPath))
      throw new UserError(
        `${metricsPath} does not exist: is ${runDir} a run folder with at least one finished epoch?`,
      );
    const lines = readFileSync(metricsPath, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const metrics = lines.map((line, index) => {
      try {
        return JSON.parse(line) as Record<string, number>;
      } catch {
        throw new UserError(`${metricsPath} line ${index + 1} is not JSON`);
      }
    });
    if (metrics.length === 0) throw new UserError(`${metricsPath} has no epochs yet`);
    const out = values.out ?? join(runDir, 'curves.svg');
    if (!/\.(svg|html)$/i.test(out)) throw new UserError(`--out must end in .svg or .html, got '${out}'`, 2);
    const svg = await renderTrainingCurves(metrics, runDir);
    const text = out.toLowerCase().endsWith('.html')
      ? `<!doctype html>\n<meta charset="utf-8"><title>${runDir}</title>\n<body style="font-family:sans-serif">\n${svg}\n</body>\n`
      : svg;
    await writeFileAtomic(out, new TextEncoder().encode(text));
    io.out(
      values.json
        ? `${JSON.stringify({ out, epochs: metrics.length })}\n`
        : `wrote ${out} (${metrics.length} epochs)\n`,
    );
    return 0;
  },
};
