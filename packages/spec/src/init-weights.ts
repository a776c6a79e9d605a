import { expandGraph } from './expand-graph.js';
import type { ModelSpec } from './model-spec.js';
import { deriveSeed, Random } from './random.js';
import { elementCount, type HostTensor, type WeightMap } from './tensor.js';

/**
 * Deterministic initial weights in canonical names and layouts, identical in every runtime:
 * - conv weights: Kaiming-normal with fan-in, `std = sqrt(2 / (in * kh * kw))` (He et al. 2015, for ReLU nets);
 * - the fully-connected weight: Kaiming-normal with fan-in too, `std = sqrt(2 / in)` (the authors' PyTorch code);
 * - biases 0; BatchNorm weight 1, bias 0, running mean 0, running variance 1.
 * Each parameter draws from its own stream seeded by `(seed, name)`, so adding a layer never shifts the others.
 *
 * @example
 * const weights = initWeights(parseModelName('WRN-16-4'), 42);
 * weights.get('stem.conv.weight')?.shape; // [16, 3, 3, 3]
 */
export function initWeights(spec: ModelSpec, seed: number): WeightMap {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  }
  const weights: WeightMap = new Map();
  for (const parameter of expandGraph(spec).parameters) {
    const data = new Float32Array(elementCount(parameter.shape));
    if (parameter.init === 'ones') data.fill(1);
    if (parameter.init === 'kaiming-normal') {
      const fanIn = elementCount(parameter.shape.slice(1));
      const std = Math.sqrt(2 / fanIn);
      const random = new Random(deriveSeed(seed, parameter.name));
      for (let i = 0; i < data.length; i++) data[i] = random.normal() * std;
    }
    const tensor: HostTensor = { shape: [...parameter.shape], data };
    weights.set(parameter.name, tensor);
  }
  return weights;
}
