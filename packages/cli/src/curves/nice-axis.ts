/**
 * An axis of round numbers: the domain it spans and its ticks, with labels printed to the step's precision.
 *
 * @example
 * const axis: Axis = { domain: [0, 10], ticks: [0, 5, 10], labels: ['0', '5', '10'] };
 */
export interface Axis {
  domain: readonly [number, number];
  ticks: readonly number[];
  labels: readonly string[];
}

/** Ratios closer than this to a whole number are that number (0.3 / 0.1 is 2.9999999999999996). */
const ROUNDING = 1e-9;

/**
 * The axis of round ticks (steps of 1, 2 or 5 times a power of ten) that covers `[minimum, maximum]`; the domain
 * runs from the tick at or below the minimum to the tick at or above the maximum. An empty span is widened around
 * its value. `integer` keeps steps whole (epochs).
 *
 * @example
 * niceAxis(46.8, 90); // { domain: [40, 90], ticks: [40, 50, 60, 70, 80, 90], labels: ['40', ..., '90'] }
 * niceAxis(0, 4, { integer: true }); // { domain: [0, 4], ticks: [0, 1, 2, 3, 4], ... }
 */
export function niceAxis(
  minimum: number,
  maximum: number,
  {
    integer = false, // most quantities are real numbers; epochs pass true
    tickCount = 5, // about five labels fit a 160-pixel axis and still let a reader interpolate
  } = {},
): Axis {
  const widen = minimum === maximum ? Math.abs(minimum) / 2 || 1 : 0;
  const low = minimum - widen;
  const high = maximum + widen;
  const raw = (high - low) / tickCount;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const round =
    (fraction <= 1 + ROUNDING ? 1 : fraction <= 2 + ROUNDING ? 2 : fraction <= 5 + ROUNDING ? 5 : 10) * power;
  const step = integer ? Math.max(1, Math.round(round)) : round;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + ROUNDING));
  const first = Math.floor(low / step + ROUNDING);
  const last = Math.ceil(high / step - ROUNDING);
  const ticks = Array.from({ length: last - first + 1 }, (_, index) =>
    Number(((first + index) * step).toFixed(decimals)),
  );
  return {
    domain: [ticks[0] ?? low, ticks.at(-1) ?? high],
    ticks,
    labels: ticks.map((tick) => tick.toFixed(decimals)),
  };
}
