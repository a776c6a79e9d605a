import type { InferenceExecutor } from '@wrn/core';
import { scoreLogits } from './logits-metrics.js';
import type { EvaluationData } from './training-data.js';

/**
 * Evaluation results; errors are fractions in [0, 1].
 *
 * @example
 * const { top1Error, top5Error, n } = await evaluate(executor, testData);
 */
export interface EvaluationResult {
  n: number;
  loss: number;
  top1Error: number;
  top5Error: number;
  /** `confusion[label][prediction]` counts. */
  confusion: number[][];
  perClassAccuracy: number[];
}

/**
 * Runs the executor in eval mode over every batch and scores it.
 *
 * @example
 * const result = await evaluate(executor, { size: 1000, batches: () => testBatches() });
 * console.log(`top-1 error ${(result.top1Error * 100).toFixed(2)}%`);
 */
export async function evaluate(executor: InferenceExecutor, data: EvaluationData): Promise<EvaluationResult> {
  const classes = executor.spec.numClasses;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let n = 0;
  let loss = 0;
  let top1 = 0;
  let top5 = 0;
  for await (const batch of data.batches()) {
    const logits = await executor.forward(batch.images, batch.size);
    const scores = scoreLogits(logits, batch.labels, classes);
    loss += scores.loss;
    top1 += scores.top1;
    top5 += scores.top5;
    n += batch.size;
    batch.labels.forEach((label, i) => {
      const row = confusion[label];
      if (row) row[scores.predictions[i] ?? 0]! += 1;
    });
  }
  if (n === 0)
    throw new RangeError('evaluation data yielded no examples; check the test split and --limit-test');
  const perClassAccuracy = confusion.map((row, label) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? Number.NaN : (row[label] ?? 0) / total;
  });
  return { n, loss: loss / n, top1Error: 1 - top1 / n, top5Error: 1 - top5 / n, confusion, perClassAccuracy };
}
