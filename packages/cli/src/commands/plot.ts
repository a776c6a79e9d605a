import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@wrn/checkpoint/node';
import { parseCommand } from '../arguments.js';
import type { Command } from '../command.js';
import { curvesHtml } from '../curves/curves-html.js';
import { renderCurvesSvg, type PlotRun } from '../curves/curves-svg.js';
import { parseMetricsLines } from '../curves/metrics-lines.js';
import { RUN_COLOURS } from '../curves/run-colours.js';
import { runSource } from '../curves/run-source.js';
import { EXIT_CODES, UserError } from '../errors.js';

/** The options of `wrn plot` besides the common ones (each named in its help). */
const PLOT_OPTIONS = { out: { type: 'string' }, title: { type: 'string' } } as const;

/**
 * `wrn plot RUN...`: the training curves of one or more runs (folders or metrics.jsonl files) on one SVG or HTML
 * figure, one colour per run.
 *
 * @example
 * await plotCommand.run(['runs/wrn-16-4', 'torch=torch-run/metrics.jsonl', '--out', 'compare.svg'], io);
 */
export const plotCommand: Command = {
  name: 'plot',
  options: PLOT_OPTIONS,
  summary: 'draw the training curves of one or more runs on one figure (SVG or HTML)',
  help: `Usage: wrn plot [NAME=]RUN [[NAME=]RUN ...] [--out FILE.svg|FILE.html] [--title TEXT] [--json]

Draws the training curves of up to ${RUN_COLOURS.length} runs on one figure, one colour per run (Okabe-Ito, colour-blind
safe) and a legend naming each: training loss, held-out top-1 error (%) and learning rate per epoch. A RUN is a
run folder (its metrics.jsonl is read) or a metrics .jsonl file; NAME= names it in the legend (default: its folder's
name, or for a file not called metrics.jsonl the file's name without .jsonl). Runs may differ in length and in
which epochs they evaluated.

Each metrics line is one epoch's JSON object; the plot reads epoch (an integer from 0), trainLoss and, where
present, testTop1Error (a fraction) and learningRate, and ignores other fields, so any writer of the format plots.

--out FILE.svg (self-contained, for a report) or FILE.html (a page holding the SVG); required with several runs,
  RUN/curves.svg (beside its metrics file) with one. --title: the figure's title (default: the names joined by
  ' vs '). --json prints { out, runs: [{ label, metrics, epochs, heldOutEpochs }] }.

Example:
  wrn plot runs/wrn-16-4 torch=runs/torch-wrn-16-4/metrics.jsonl --out compare.svg`,
  async run(argv, io) {
    const { values, positionals } = parseCommand('plot', argv, PLOT_OPTIONS);
    if (positionals.length === 0)
      throw new UserError(
        "a run folder or metrics file is required, e.g. 'wrn plot runs/wrn-16-4'",
        EXIT_CODES.usage,
      );
    if (positionals.length > RUN_COLOURS.length)
      throw new UserError(
        `a figure draws at most ${RUN_COLOURS.length} runs (one colour each), got ${positionals.length}: ` +
          'plot them in groups',
        EXIT_CODES.usage,
      );
    const sources = positionals.map(runSource);
    const labels = sources.map((source) => source.label);
    const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
    if (repeated !== undefined)
      throw new UserError(
        `two runs are named '${repeated}': name each with NAME=RUN, e.g. 'a=x/${repeated} b=y/${repeated}'`,
        EXIT_CODES.usage,
      );
    if (values.out === undefined && sources.length > 1)
      throw new UserError('--out is required with several runs, e.g. --out compare.svg', EXIT_CODES.usage);
    const out = values.out ?? join(dirname(sources[0]?.metricsPath ?? '.'), 'curves.svg');
    if (!/\.(svg|html)$/i.test(out))
      throw new UserError(`--out must end in .svg or .html, got '${out}'`, EXIT_CODES.usage);
    const runs: PlotRun[] = sources.map((source) => ({
      label: source.label,
      points: parseMetricsLines(readFileSync(source.metricsPath, 'utf8'), source.metricsPath),
    }));
    const title = values.title ?? labels.join(' vs ');
    const svg = renderCurvesSvg(runs, title);
    const text = out.toLowerCase().endsWith('.html') ? curvesHtml(svg, title) : svg;
    await writeFileAtomic(out, new TextEncoder().encode(text));
    const summaries = runs.map((run, index) => ({
      label: run.label,
      metrics: sources[index]?.metricsPath,
      epochs: run.points.length,
      heldOutEpochs: run.points.filter((point) => point.testTop1Error !== undefined).length,
    }));
    const described = summaries.map(
      (run) => `${run.label} ${run.epochs} epochs, ${run.heldOutEpochs} held-out`,
    );
    io.out(
      values.json
        ? `${JSON.stringify({ out, runs: summaries })}\n`
        : `wrote ${out} (${described.join('; ')})\n`,
    );
    return 0;
  },
};
