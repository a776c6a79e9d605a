import { linearScale } from './linear-scale.js';
import { niceAxis, type Axis } from './nice-axis.js';
import { linePath, stepPath } from './series-path.js';
import { escapeXml, svgElement } from './svg-markup.js';

/**
 * Where a panel's plotting area lies in the figure, in pixels (ticks, labels and the heading lie outside it).
 *
 * @example
 * const area: PanelArea = { left: 64, top: 120, width: 632, height: 160 };
 */
export interface PanelArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * One run's curve in a panel: its colour and its `[x, y]` points in data units (x in epochs).
 *
 * @example
 * const series: PanelSeries = { colour: '#0072B2', points: [[1, 2.1], [2, 1.7]] };
 */
export interface PanelSeries {
  colour: string;
  points: readonly (readonly [number, number])[];
  /** Draw each value held over the epoch that ends at its point (a learning rate), not a line between points. */
  steps?: boolean;
}

const GRID = '#e0e0e0'; // light enough that the curves stay in front
const FRAME = '#808080'; // the axes, darker than the grid and lighter than text
const DOT_SPACING = 6; // closer dots would merge into a thick line that hides the curve's shape

/** Whether a series' points lie far enough apart on average, in pixels, for a dot on each to stay distinct. */
function dotted(points: readonly (readonly [number, number])[], x: (value: number) => number): boolean {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length === 1) return true;
  return (x(last[0]) - x(first[0])) / (points.length - 1) >= DOT_SPACING;
}

/**
 * One panel as SVG markup: heading, frame, y grid with tick labels, x ticks (shared `xAxis`, so panels align) with
 * the `epoch` title, then each series as a line (or steps) with a dot on each measured point where those lie at
 * least 6 pixels apart on average. The y axis is the round axis over all the series' values; a series with one point
 * is a dot, one with none is left out. Throws a RangeError when no series has a point.
 *
 * @example
 * const area = { left: 64, top: 120, width: 632, height: 160 };
 * renderPanel('training loss', area, niceAxis(0, 10, { integer: true }), [
 *   { colour: '#0072B2', points: [[1, 2.1], [2, 1.7]] },
 * ]);
 */
export function renderPanel(
  heading: string,
  area: PanelArea,
  xAxis: Axis,
  series: readonly PanelSeries[],
): string {
  const drawn = series.filter(({ points }) => points.length > 0);
  const values = drawn.flatMap(({ points }) => points.map(([, y]) => y));
  if (values.length === 0) throw new RangeError(`the panel '${heading}' has no point to draw`);
  const yAxis = niceAxis(Math.min(...values), Math.max(...values));
  const bottom = area.top + area.height;
  const x = linearScale(xAxis.domain, [area.left, area.left + area.width]);
  const y = linearScale(yAxis.domain, [bottom, area.top]);
  const parts = [
    svgElement('text', { x: area.left, y: area.top - 10, 'font-weight': 'bold' }, escapeXml(heading)),
    ...yAxis.ticks.flatMap((tick, index) => [
      svgElement('line', {
        x1: area.left,
        x2: area.left + area.width,
        y1: y(tick),
        y2: y(tick),
        stroke: GRID,
      }),
      svgElement('text', { x: area.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, yAxis.labels[index]),
    ]),
    ...xAxis.ticks.flatMap((tick, index) => [
      svgElement('line', { x1: x(tick), x2: x(tick), y1: bottom, y2: bottom + 5, stroke: FRAME }),
      svgElement('text', { x: x(tick), y: bottom + 18, 'text-anchor': 'middle' }, xAxis.labels[index]),
    ]),
    svgElement('rect', {
      x: area.left,
      y: area.top,
      width: area.width,
      height: area.height,
      fill: 'none',
      stroke: FRAME,
    }),
    svgElement('text', { x: area.left + area.width / 2, y: bottom + 34, 'text-anchor': 'middle' }, 'epoch'),
    ...drawn.flatMap(({ colour, points, steps }) => [
      svgElement('path', {
        d: steps ? stepPath(points, x, y) : linePath(points, x, y),
        fill: 'none',
        stroke: colour,
        'stroke-width': 1.75,
        'stroke-linejoin': 'round',
      }),
      ...(dotted(points, x)
        ? points.map(([px, py]) => svgElement('circle', { cx: x(px), cy: y(py), r: 2.5, fill: colour }))
        : []),
    ]),
  ];
  return svgElement('g', {}, parts.join('\n'));
}
