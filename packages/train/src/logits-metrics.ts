/**
 * Per-example softmax cross-entropy and top-k hits of a logits matrix `[n, classes]`, computed stably in float64.
 *
 * @example
 * const { loss, top1, top5 } = scoreLogits(logits, labels, 10);
 */
export function scoreLogits(
  logits: Float32Array,
  labels: Int32Array,
  classes: number,
): { loss: number; top1: number; top5: number; predictions: Int32Array } {
  const n = labels.length;
  if (logits.length !== n * classes) {
    throw new RangeError(`logits has ${logits.length} values, expected ${n} examples x ${classes} classes`);
  }
  let loss = 0;
  let top1 = 0;
  let top5 = 0;
  const predictions = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = logits.subarray(i * classes, (i + 1) * classes);
    const label = labels[i] ?? 0;
    let max = -Infinity;
    let argmax = 0;
    for (let c = 0; c < classes; c++) {
      const value = row[c] ?? 0;
      if (value > max) [max, argmax] = [value, c];
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp((row[c] ?? 0) - max);
    loss += Math.log(sum) + max - (row[label] ?? 0);
    // Rank of the label: how many classes score strictly higher (ties favour the label, as argmax of equals would).
    const target = row[label] ?? 0;
    let higher = 0;
    for (let c = 0; c < classes; c++) if ((row[c] ?? 0) > target) higher++;
    if (higher === 0) top1++;
    if (higher < 5) top5++;
    predictions[i] = argmax;
  }
  return { loss, top1, top5, predictions };
}
