/**
 * The k most probable classes of one logits row, with softmax probabilities.
 *
 * @example
 * topClasses([2, 0, 1], 2, ['cat', 'dog', 'ship']); // [{ class: 0, name: 'cat', probability: 0.665 }, { class: 2, ... }]
 */
export function topClasses(
  logits: number[],
  k: number,
  names?: readonly string[],
): { class: number; name?: string; probability: number }[] {
  const max = Math.max(...logits);
  const exponentials = logits.map((value) => Math.exp(value - max));
  const sum = exponentials.reduce((a, b) => a + b, 0);
  return exponentials
    .map((value, index) => ({ class: index, probability: value / sum }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k)
    .map((entry) => (names?.[entry.class] ? { ...entry, name: names[entry.class] as string } : entry));
}
