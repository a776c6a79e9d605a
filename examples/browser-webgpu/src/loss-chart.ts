const WIDTH = 900;
const HEIGHT = 200;
/** Room for the axis labels. */
const MARGIN = { left: 44, right: 12, top: 12, bottom: 26 };
const SVG = 'http://www.w3.org/2000/svg';

/**
 * Redraws `svg` as a line chart of the loss per training step (inline SVG, no charting library).
 *
 * @example
 * drawLossChart(document.querySelector('svg')!, [2.4, 2.1, 1.9]);
 */
export function drawLossChart(svg: SVGSVGElement, losses: readonly number[]): void {
  svg.replaceChildren();
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = losses.length > 0 ? Math.max(...losses) : 1;
  const scaleX = (step: number) =>
    MARGIN.left + (losses.length > 1 ? (step / (losses.length - 1)) * plotWidth : 0);
  const scaleY = (loss: number) => MARGIN.top + plotHeight - (loss / top) * plotHeight;
  add(svg, 'line', {
    x1: MARGIN.left,
    y1: MARGIN.top,
    x2: MARGIN.left,
    y2: MARGIN.top + plotHeight,
    class: 'axis',
  });
  add(svg, 'line', {
    x1: MARGIN.left,
    y1: MARGIN.top + plotHeight,
    x2: WIDTH - MARGIN.right,
    y2: MARGIN.top + plotHeight,
  });
  label(svg, MARGIN.left - 6, MARGIN.top + 10, top.toFixed(2), 'end');
  label(svg, MARGIN.left - 6, MARGIN.top + plotHeight, '0', 'end');
  label(svg, MARGIN.left, HEIGHT - 6, 'step 1', 'start');
  if (losses.length > 1) label(svg, WIDTH - MARGIN.right, HEIGHT - 6, `step ${losses.length}`, 'end');
  const points = losses
    .map((loss, step) => `${scaleX(step).toFixed(1)},${scaleY(loss).toFixed(1)}`)
    .join(' ');
  add(svg, 'polyline', { points, fill: 'none', stroke: '#3a5bd9', 'stroke-width': 2 });
  losses.forEach((loss, step) =>
    add(svg, 'circle', { cx: scaleX(step), cy: scaleY(loss), r: 3, fill: '#3a5bd9' }),
  );
}

function add(svg: SVGSVGElement, tag: string, attributes: Record<string, string | number>): void {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (tag === 'line') element.setAttribute('stroke', '#9aa6c2');
  svg.append(element);
}

function label(svg: SVGSVGElement, x: number, y: number, text: string, anchor: 'start' | 'end'): void {
  const element = document.createElementNS(SVG, 'text');
  element.setAttribute('x', String(x));
  element.setAttribute('y', String(y));
  element.setAttribute('text-anchor', anchor);
  element.setAttribute('font-size', '11');
  element.setAttribute('fill', '#5b6478');
  element.textContent = text;
  svg.append(element);
}
