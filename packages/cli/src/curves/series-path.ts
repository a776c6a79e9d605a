import { svgNumber } from './svg-markup.js';

/** A point in data units: `[x, y]`. */
type Point = readonly [number, number];
/** A scale from data units to pixels. */
type Scale = (value: number) => number;

/**
 * The SVG path data of a line through `points`, in order.
 *
 * @example
 * linePath([[1, 10], [2, 5]], (x) => x * 100, (y) => 100 - y); // 'M100,90L200,95'
 */
export function linePath(points: readonly Point[], x: Scale, y: Scale): string {
  return points
    .map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${svgNumber(x(px))},${svgNumber(y(py))}`)
    .join('');
}

/**
 * The SVG path data of a step curve: each point's value held over the unit interval that ends at it (an epoch's
 * learning rate over that epoch), joined by a vertical where consecutive intervals meet (none where the value
 * stays) and broken where one is missing.
 *
 * @example
 * stepPath([[1, 10], [2, 5], [3, 5]], (x) => x * 100, (y) => 100 - y); // 'M0,90H100V95H200H300'
 */
export function stepPath(points: readonly Point[], x: Scale, y: Scale): string {
  return points
    .map(([px, py], index) => {
      const previous = index > 0 ? points[index - 1] : undefined;
      const start =
        previous?.[0] !== px - 1
          ? `M${svgNumber(x(px - 1))},${svgNumber(y(py))}`
          : previous[1] === py
            ? ''
            : `V${svgNumber(y(py))}`;
      return `${start}H${svgNumber(x(px))}`;
    })
    .join('');
}
