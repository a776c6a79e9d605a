import { zeros, type Tensor64 } from './tensor.js';

/**
 * Mean softmax cross-entropy of logits `[n, classes]` against integer labels, and its gradient
 * `(softmax(z) - onehot(label)) / n`. Uses the max-shifted log-sum-exp, so large logits stay finite.
 *
 * @example
 * softmaxCrossEntropy({ shape: [1, 2], data: new Float64Array([0, 0]) }, new Int32Array([1])).loss; // ln 2
 */
export function softmaxCrossEntropy(
  logits: Tensor64,
  labels: Int32Array,
): { loss: number; dLogits: Tensor64 } {
  const [batch = 0, classes = 0] = logits.shape;
  if (labels.length !== batch)
    throw new RangeError(`labels has ${labels.length} entries for a batch of ${batch}; pass one per example`);
  const dLogits = zeros(logits.shape);
  let loss = 0;
  for (let n = 0; n < batch; n++) {
    const label = labels[n]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`labels[${n}] is ${label}; it must be an integer class in [0, ${classes - 1}]`);
    }
    const row = logits.data.subarray(n * classes, (n + 1) * classes);
    const max = Math.max(...row);
    let sum = 0;
    for (const value of row) sum += Math.exp(value - max);
    const logSumExp = max + Math.log(sum);
    loss += (logSumExp - row[label]!) / batch;
    for (let k = 0; k < classes; k++) {
      const probability = Math.exp(row[k]! - logSumExp);
      dLogits.data[n * classes + k] = (probability - (k === label ? 1 : 0)) / batch;
    }
  }
  return { loss, dLogits };
}

/**
 * Number of rows whose first maximal logit is at the label.
 *
 * @example
 * countCorrect({ shape: [1, 3], data: new Float64Array([0, 2, 1]) }, new Int32Array([1])); // 1
 */
export function countCorrect(
  logits: { shape: number[]; data: ArrayLike<number> },
  labels: Int32Array,
): number {
  const classes = logits.shape[1] ?? 0;
  let correct = 0;
  labels.forEach((label, n) => {
    let best = 0;
    for (let k = 1; k < classes; k++)
      if (logits.data[n * classes + k]! > logits.data[n * classes + best]!) best = k;
    if (best === label) correct++;
  });
  return correct;
}
