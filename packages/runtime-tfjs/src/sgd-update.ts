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
