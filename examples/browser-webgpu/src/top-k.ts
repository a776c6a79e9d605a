import type { ModelSpec } from '@wrn/spec';

/**
 * CIFAR-10's class names in label order.
 *
 * @example
 * CIFAR10_CLASSES[3]; // 'cat'
 */
export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

/**
 * The `k` most probable classes of one row of logits, by softmax probability (computed stably, in float64).
 *
 * @example
 * topK(new Float32Array([2, 0, 1]), 2); // [{ label: 0, probability: 0.665 }, { label: 2, probability: 0.245 }]
 */
export function topK(logits: Float32Array, k: number): { label: number; probability: number }[] {
  const largest = logits.reduce((best, value) => Math.max(best, value), -Infinity);
  const exponentials = Array.from(logits, (value) => Math.exp(value - largest));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials
    .map((value, label) => ({ label, probability: value / total }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k);
}

/**
 * A class's display name: the spec's own `classNames` when it has them, CIFAR-10's names for 10-class models,
 * else `class <label>`.
 *
 * @example
 * className(3, parseModelName('WRN-16-4')); // 'cat'
 */
export function className(label: number, spec: Pick<ModelSpec, 'numClasses' | 'classNames'>): string {
  const own = spec.classNames?.[label];
  if (own !== undefined) return own;
  if (spec.numClasses === CIFAR10_CLASSES.length) return CIFAR10_CLASSES[label] ?? `class ${label}`;
  return `class ${label}`;
}
