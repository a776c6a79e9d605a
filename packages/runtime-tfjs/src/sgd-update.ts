import * as tf from '@tensorflow/tfjs';
import type { SgdSpec } from '@wrn/spec';

/**
 * One parameter's SGD update exactly as PyTorch's `torch.optim.SGD` (weight decay on every parameter):
 *
 * ```text
 * g   = grad + weightDecay * w
 * buf = buf absent ? g : momentum * buf + (1 - dampening) * g
 * w  -= lr * (nesterov ? g + momentum * buf : buf)          (momentum 0: w -= lr * g, no buffer)
 * ```
 *
 * Assigns the variable and returns the new momentum buffer (undefined with momentum 0); the caller disposes the
 * old buffer and owns the new one.
 *
 * @example
 * const next = sgdUpdate(variable, gradient, buffer, paperRecipe().optimizer, 0.1);
 */
export function sgdUpdate(
  variable: tf.Variable,
  gradient: tf.Tensor,
  buffer: tf.Tensor | undefined,
  optimizer: SgdSpec,
  learningRate: number,
): tf.Tensor | undefined {
  const { momentum, dampening, nesterov, weightDecay } = optimizer;
  return tf.tidy(() => {
    const decayed = weightDecay === 0 ? gradient : tf.add(gradient, tf.mul(variable, weightDecay));
    let nextBuffer: tf.Tensor | undefined;
    let step = decayed;
    if (momentum !== 0) {
      nextBuffer = buffer
        ? tf.add(tf.mul(buffer, momentum), tf.mul(decayed, 1 - dampening))
        : tf.clone(decayed);
      step = nesterov ? tf.add(decayed, tf.mul(nextBuffer, momentum)) : nextBuffer;
    }
    variable.assign(tf.sub(variable, tf.mul(step, learningRate)));
    return nextBuffer;
  });
}

/**
 * Checks an optimizer before a runtime uses it, with a clear message naming the bad field.
 *
 * @example
 * checkOptimizer(paperRecipe().optimizer); // ok
 */
export function checkOptimizer(optimizer: SgdSpec): SgdSpec {
  if (optimizer?.type !== 'sgd') {
    throw new TypeError(
      `optimizer.type must be 'sgd' (the only update rule of the spec), got ${String(optimizer?.type)}`,
    );
  }
  for (const field of ['momentum', 'dampening', 'weightDecay'] as const) {
    const value = optimizer[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`optimizer.${field} must be a finite number >= 0, got ${String(value)}`);
    }
  }
  if (optimizer.nesterov && (optimizer.momentum === 0 || optimizer.dampening !== 0)) {
    throw new RangeError(
      'optimizer.nesterov needs momentum > 0 and dampening 0 (as in PyTorch); fix momentum or dampening',
    );
  }
  return optimizer;
}
