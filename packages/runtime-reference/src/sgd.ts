import type { SgdSpec } from '@wrn/spec';
import { requireTensor, type WeightMap64 } from './tensor.js';

/**
 * One step of `torch.optim.SGD`, in place, for every parameter that has a gradient (the trainable ones):
 *
 * ```text
 * g   = grad + weightDecay * w
 * buf = g                                   on the first step (no buffer yet, or after a reset)
 * buf = momentum * buf + (1 - dampening) g  afterwards
 * w  -= lr * (g + momentum * buf)           Nesterov;   w -= lr * buf with plain momentum;   w -= lr * g without
 * ```
 *
 * `momentumBuffers` gains a buffer per parameter on the first step (none when momentum is 0).
 *
 * @example
 * sgdStep(weights, gradients, buffers, paperRecipe().optimizer, 0.1);
 */
export function sgdStep(
  weights: WeightMap64,
  gradients: WeightMap64,
  momentumBuffers: WeightMap64,
  optimizer: SgdSpec,
  learningRate: number,
): void {
  const { momentum, dampening, weightDecay, nesterov } = optimizer;
  for (const [name, gradient] of gradients) {
    const weight = requireTensor(weights, name);
    const g = gradient.data.map((value, index) => value + weightDecay * weight.data[index]!);
    let direction = g;
    if (momentum !== 0) {
      const previous = momentumBuffers.get(name);
      const buffer = previous
        ? previous.data.map((value, index) => momentum * value + (1 - dampening) * g[index]!)
        : g.slice();
      momentumBuffers.set(name, { shape: [...weight.shape], data: buffer });
      direction = nesterov ? g.map((value, index) => value + momentum * buffer[index]!) : buffer;
    }
    weight.data.forEach((value, index) => (weight.data[index] = value - learningRate * direction[index]!));
  }
}
