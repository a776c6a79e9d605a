import { UserError } from '../errors.js';

/**
 * The fields `wrn plot` reads from one line of a metrics.jsonl (one line per epoch, the `EpochMetrics` of
 * `@wrn/train`); other fields are ignored, so any writer of this line format plots.
 *
 * @example
 * const point: CurvePoint = { epoch: 0, trainLoss: 2.1, testTop1Error: 0.62, learningRate: 0.1 };
 */
export interface CurvePoint {
  /** The epoch the line measures, counted from 0. */
  epoch: number;
  /** The mean training loss over the epoch. */
  trainLoss: number;
  /** Top-1 error on the held-out split as a fraction in [0, 1]; only on the epochs that evaluated it. */
  testTop1Error?: number;
  /** The learning rate the epoch trained at. */
  learningRate?: number;
}

/** A JSON value as a number the line must hold; `where` names the file and line. */
function finiteNumber(value: unknown, field: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new UserError(
      `${where}: ${field} must be a finite number, got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  return value;
}

/** An optional field: absent or null means the epoch did not measure it. */
function optionalNumber(value: unknown, field: string, where: string): number | undefined {
  return value === undefined || value === null ? undefined : finiteNumber(value, field, where);
}

/**
 * Parses the text of a metrics.jsonl into its epochs, in order; blank lines are skipped. A line that is not a JSON
 * object, lacks `epoch` or `trainLoss`, holds a field of the wrong type, or does not follow the previous epoch throws
 * a {@link UserError} naming `file` and the line number; so does a file with no epoch.
 *
 * @example
 * parseMetricsLines('{"epoch":0,"trainLoss":2.1,"learningRate":0.1}\n', 'runs/a/metrics.jsonl');
 * // [{ epoch: 0, trainLoss: 2.1, testTop1Error: undefined, learningRate: 0.1 }]
 */
export function parseMetricsLines(text: string, file: string): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    const where = `${file} line ${index + 1}`;
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch {
      throw new UserError(
        `${where} is not JSON: each line must be one epoch's JSON object (NaN is not JSON)`,
      );
    }
    if (typeof line !== 'object' || line === null || Array.isArray(line))
      throw new UserError(`${where} is not a JSON object: each line must be one epoch's {"epoch": ..., ...}`);
    const record = line as Record<string, unknown>;
    const epoch = finiteNumber(record.epoch, 'epoch', where);
    if (!Number.isInteger(epoch) || epoch < 0)
      throw new UserError(`${where}: epoch must be an integer >= 0 (epochs count from 0), got ${epoch}`);
    const previous = points.at(-1);
    if (previous && epoch <= previous.epoch)
      throw new UserError(
        `${where}: epoch ${epoch} comes after epoch ${previous.epoch}; write one line per epoch, in order`,
      );
    const testTop1Error = optionalNumber(record.testTop1Error, 'testTop1Error', where);
    if (testTop1Error !== undefined && (testTop1Error < 0 || testTop1Error > 1))
      throw new UserError(
        `${where}: testTop1Error must be a fraction in [0, 1] (not a percentage), got ${testTop1Error}`,
      );
    points.push({
      epoch,
      trainLoss: finiteNumber(record.trainLoss, 'trainLoss', where),
      testTop1Error,
      learningRate: optionalNumber(record.learningRate, 'learningRate', where),
    });
  }
  if (points.length === 0)
    throw new UserError(
      `${file} is empty: it holds no epoch yet; plot the run once its first epoch has finished`,
    );
  return points;
}
