/**
 * One line of `metrics.jsonl`: everything measured in an epoch. Errors are fractions; times in seconds.
 *
 * @example
 * const line: EpochMetrics = JSON.parse(readFileSync('runs/a/metrics.jsonl', 'utf8').split('\n')[0]);
 */
export interface EpochMetrics {
  epoch: number;
  learningRate: number;
  trainLoss: number;
  trainError: number;
  testLoss?: number;
  testTop1Error?: number;
  testTop5Error?: number;
  /** Training images per second over the epoch (excluding evaluation). */
  imagesPerSecond: number;
  epochSeconds: number;
  /** Seconds since the run first started, summed over resumed sessions. */
  wallSeconds: number;
}

/**
 * Progress events, so a CLI can draw a progress bar without the loop knowing about terminals.
 *
 * @example
 * train({ ..., onEvent: (event) => { if (event.type === 'epoch') console.log(event.metrics) } });
 */
export type TrainingEvent =
  | {
      type: 'batch';
      epoch: number;
      batch: number;
      batchesPerEpoch: number;
      loss: number;
      trainError: number;
      learningRate: number;
      imagesPerSecond: number;
      /** Seconds spent in training steps of this epoch so far. */
      epochSeconds: number;
    }
  | { type: 'evaluation'; epoch: number }
  | { type: 'epoch'; metrics: EpochMetrics; best: boolean }
  | { type: 'checkpoint'; path: string; epoch: number; batch: number };
