import { countMacs, countParameters, nodeMacs } from './count.js';
import { expandGraph } from './expand-graph.js';
import type { ModelSpec } from './model-spec.js';
import { formatModelName } from './model-name.js';

/**
 * One row of a model summary.
 *
 * @example
 * const row: SummaryRow = { name: 'head.fc', op: 'dense', outputShape: [10], parameters: 6410, macs: 6400 };
 */
export interface SummaryRow {
  name: string;
  op: string;
  outputShape: number[];
  /** Trainable and non-trainable parameters owned by this layer. */
  parameters: number;
  macs: number;
}

/**
 * A model summary like Keras `model.summary()` or torchsummary: one row per layer and the totals.
 *
 * @example
 * const summary = summarize(parseModelName('WRN-16-4'));
 * summary.trainableParams; // 2748890
 */
export interface ModelSummary {
  model: string;
  rows: SummaryRow[];
  trainableParams: number;
  nonTrainableParams: number;
  macs: number;
}

/**
 * Summarises a spec. @see {@link formatSummary} for the text table.
 *
 * @example
 * console.log(formatSummary(summarize(parseModelName('WRN-28-10'))));
 */
export function summarize(spec: ModelSpec): ModelSummary {
  const graph = expandGraph(spec);
  const sizes = new Map(graph.parameters.map((p) => [p.name, p.shape.reduce((a, b) => a * b, 1)]));
  const rows = graph.nodes.map((node) => {
    const owned = [...sizes.keys()].filter((name) => name.startsWith(`${node.name}.`));
    return {
      name: node.name,
      op: node.op,
      outputShape: node.outputShape,
      parameters: owned.reduce((sum, name) => sum + (sizes.get(name) ?? 0), 0),
      macs: nodeMacs(node),
    };
  });
  const counts = countParameters(graph);
  return {
    model: `${formatModelName(spec)} (${spec.variant}, ${spec.numClasses} classes)`,
    rows,
    trainableParams: counts.trainable,
    nonTrainableParams: counts.nonTrainable,
    macs: countMacs(graph),
  };
}

/**
 * Renders a summary as a fixed-width text table with thousands separators.
 *
 * @example
 * formatSummary(summarize(parseModelName('WRN-10-1'))).split('\n')[0]; // 'WRN-10-1 (paper, 10 classes)'
 */
export function formatSummary(summary: ModelSummary): string {
  const number = (value: number) => value.toLocaleString('en-US');
  const table = summary.rows.map((row) => [
    row.name,
    row.op,
    `[${row.outputShape.join(', ')}]`,
    number(row.parameters),
  ]);
  const header = ['Layer', 'Op', 'Output shape', 'Params'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...table.map((cells) => cells[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  return [
    summary.model,
    rule,
    line(header),
    rule,
    ...table.map(line),
    rule,
    `Trainable params:     ${number(summary.trainableParams)}`,
    `Non-trainable params: ${number(summary.nonTrainableParams)}`,
    `Multiply-accumulates: ${number(summary.macs)} per image (${(summary.macs / 1e9).toFixed(3)} G)`,
  ].join('\n');
}
