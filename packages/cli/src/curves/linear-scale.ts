/**
 * The linear map that sends `domain` onto `range` (data units to pixels; a range may run downwards, as a y axis
 * does).
 *
 * @example
 * const y = linearScale([0, 10], [120, 20]);
 * y(5); // 70
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [domainStart, domainEnd] = domain;
  const [rangeStart, rangeEnd] = range;
  const slope = (rangeEnd - rangeStart) / (domainEnd - domainStart);
  return (value) => rangeStart + (value - domainStart) * slope;
}
