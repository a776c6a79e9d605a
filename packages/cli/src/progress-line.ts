import type { EpochMetrics, TrainingEvent } from '@wrn/train';

const percent = (fraction: number | undefined) =>
  fraction === undefined ? '-' : `${(fraction * 100).toFixed(2)}%`;

/** Images per second: a decimal below 10, so a slow model's 1.1 img/s does not read as 1. */
const rate = (imagesPerSecond: number) => imagesPerSecond.toFixed(imagesPerSecond < 10 ? 1 : 0);

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * The one-line progress bar of a training batch: bar, images/s, loss, accuracy and the epoch's ETA.
 *
 * @example
 * progressBar(event, 10); // 'epoch 3/10 [#####.....] 45/78 loss 1.234 acc 54.9% 812 img/s ETA 0:42'
 */
export function progressBar(
  event: Extract<TrainingEvent, { type: 'batch' }>,
  epochs: number,
  width = 20,
): string {
  const done = Math.round((event.batch / event.batchesPerEpoch) * width);
  const eta =
    event.batch > 0 ? (event.epochSeconds / event.batch) * (event.batchesPerEpoch - event.batch) : Number.NaN;
  return (
    `epoch ${event.epoch + 1}/${epochs} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${event.batch}/${event.batchesPerEpoch} ` +
    `loss ${event.loss.toFixed(3)} acc ${percent(1 - event.trainError)} ${rate(event.imagesPerSecond)} img/s ETA ${duration(eta)}`
  );
}

/**
 * One summary line per finished epoch; with `peakMegabytes`, the process's peak memory so far closes it.
 *
 * @example
 * epochLine(metrics, 10, true, 412.6);
 * // 'epoch 1/10 lr 0.1 train loss 1.803 err 66.20% | test loss 1.600 err 58.10% top-5 12.30% | 812 img/s 0:47 peak RSS 413 MiB *'
 */
export function epochLine(
  metrics: EpochMetrics,
  epochs: number,
  best: boolean,
  peakMegabytes?: number,
): string {
  const test =
    metrics.testTop1Error === undefined
      ? ''
      : ` | test loss ${metrics.testLoss?.toFixed(3)} err ${percent(metrics.testTop1Error)} top-5 ${percent(metrics.testTop5Error)}`;
  return (
    `epoch ${metrics.epoch + 1}/${epochs} lr ${Number(metrics.learningRate.toPrecision(6))} ` +
    `train loss ${metrics.trainLoss.toFixed(3)} err ${percent(metrics.trainError)}${test} | ` +
    `${rate(metrics.imagesPerSecond)} img/s ${duration(metrics.epochSeconds)}` +
    `${peakMegabytes === undefined ? '' : ` peak RSS ${peakMegabytes.toFixed(0)} MiB`}${best ? ' *' : ''}`
  );
}
