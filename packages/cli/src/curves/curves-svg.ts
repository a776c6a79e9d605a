import { renderPanel, type PanelSeries } from './curve-panel.js';
import type { CurvePoint } from './metrics-lines.js';
import { niceAxis } from './nice-axis.js';
import { RUN_COLOURS } from './run-colours.js';
import { escapeXml, svgElement } from './svg-markup.js';

/**
 * One run to draw: the name its legend shows and its epochs.
 *
 * @example
 * const run: PlotRun = { label: 'wrn-16-4', points: [{ epoch: 0, trainLoss: 2.1, learningRate: 0.1 }] };
 */
export interface PlotRun {
  label: string;
  points: readonly CurvePoint[];
}

const WIDTH = 720; // a report column at full size, with 200 epochs 3 pixels apart
const LEFT = 72; // room for y tick labels as long as 0.0008
const RIGHT = 24; // room for the last x tick label, centred on the frame's right edge
const TITLE_HEIGHT = 44; // a 16-pixel title and the space under it
const LEGEND_ROW = 20; // one legend entry per row, so long names never collide
const HEADING = 32; // a panel's heading above its frame
const PANEL_HEIGHT = 160; // tall enough to tell curves a few pixels apart, short enough for three on a page
const BELOW = 48; // x tick labels and the axis title under a frame

/** A quantity the figure compares, one panel of it. */
interface Quantity {
  heading: string;
  /** What the legend adds to a run that has no value of it while others do. */
  note: string;
  /** Whether each value holds over its epoch (drawn as steps) rather than being measured at its end. */
  steps: boolean;
  value(point: CurvePoint): number | undefined;
}

/** The quantities, in panel order; a panel no run has values for is left out. */
const QUANTITIES: readonly Quantity[] = [
  { heading: 'training loss', note: 'no training loss', steps: false, value: (point) => point.trainLoss },
  {
    heading: 'held-out top-1 error (%)',
    note: 'no held-out error',
    steps: false,
    value: (point) => (point.testTop1Error === undefined ? undefined : point.testTop1Error * 100),
  },
  { heading: 'learning rate', note: 'no learning rate', steps: true, value: (point) => point.learningRate },
];

/**
 * The training curves of up to {@link RUN_COLOURS}.length runs on one self-contained SVG: a title, a legend naming
 * each run in its colour (with the quantities it lacks), then one panel per quantity (training loss, held-out top-1
 * error in percent, learning rate as steps, one per epoch) against the epochs completed (a line's epoch + 1), on
 * one x axis that spans the longest run. Throws a RangeError for no runs or more runs than colours.
 *
 * @example
 * const svg = renderCurvesSvg([{ label: 'a', points: [{ epoch: 0, trainLoss: 2.1 }] }], 'a');
 */
export function renderCurvesSvg(runs: readonly PlotRun[], title: string): string {
  if (runs.length === 0 || runs.length > RUN_COLOURS.length)
    throw new RangeError(`a figure draws 1 to ${RUN_COLOURS.length} runs, got ${runs.length}`);
  const colour = (index: number) => RUN_COLOURS[index] ?? RUN_COLOURS[0];
  const lastEpoch = Math.max(...runs.map((run) => run.points.at(-1)?.epoch ?? 0));
  // Ten ticks, not the y axes' five: finer steps keep the x span close to the longest run.
  const xAxis = niceAxis(0, lastEpoch + 1, { integer: true, tickCount: 10 });
  const panels = QUANTITIES.map((quantity) => ({
    ...quantity,
    series: runs.map((run, index): PanelSeries => ({
      colour: colour(index),
      steps: quantity.steps,
      points: run.points.flatMap((point) => {
        const value = quantity.value(point);
        return value === undefined ? [] : [[point.epoch + 1, value] as const];
      }),
    })),
  })).filter((panel) => panel.series.some((series) => series.points.length > 0));
  const legendBottom = TITLE_HEIGHT + runs.length * LEGEND_ROW;
  const panelTop = (index: number) => legendBottom + HEADING + index * (PANEL_HEIGHT + BELOW + HEADING);
  const height = panelTop(panels.length - 1) + PANEL_HEIGHT + BELOW;
  const legend = runs.map((run, index) => {
    const middle = TITLE_HEIGHT + index * LEGEND_ROW + LEGEND_ROW / 2;
    const notes = panels
      .filter((panel) => panel.series[index]?.points.length === 0)
      .map((panel) => panel.note);
    const text = notes.length === 0 ? run.label : `${run.label} (${notes.join(', ')})`;
    return [
      svgElement('line', {
        x1: LEFT,
        x2: LEFT + 24,
        y1: middle,
        y2: middle,
        stroke: colour(index),
        'stroke-width': 1.75,
      }),
      svgElement('circle', { cx: LEFT + 12, cy: middle, r: 2.5, fill: colour(index) }),
      svgElement('text', { x: LEFT + 32, y: middle + 4 }, escapeXml(text)),
    ].join('\n');
  });
  const body = [
    svgElement('title', {}, escapeXml(title)),
    svgElement('rect', { width: WIDTH, height, fill: 'white' }),
    svgElement(
      'text',
      { x: WIDTH / 2, y: 26, 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 'bold' },
      escapeXml(title),
    ),
    ...legend,
    ...panels.map((panel, index) =>
      renderPanel(
        panel.heading,
        { left: LEFT, top: panelTop(index), width: WIDTH - LEFT - RIGHT, height: PANEL_HEIGHT },
        xAxis,
        panel.series,
      ),
    ),
  ];
  return svgElement(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: WIDTH,
      height,
      viewBox: `0 0 ${WIDTH} ${height}`,
      'font-family': 'Helvetica, Arial, sans-serif',
      'font-size': 12,
    },
    `\n${body.join('\n')}\n`,
  );
}
