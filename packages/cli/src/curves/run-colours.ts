/**
 * One colour per run, in the order runs are named: the Okabe-Ito palette, told apart with every common kind of
 * colour blindness. Yellow, the hardest to see on white, comes last; a figure draws at most this many runs.
 *
 * @example
 * const colour = RUN_COLOURS[0]; // '#0072B2' (blue)
 */
export const RUN_COLOURS = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442', // yellow
] as const;
