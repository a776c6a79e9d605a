import type { Runtime, TrainableExecutor, TrainableRuntime } from '@wrn/core';
import {
  dropoutMasks,
  elementCount,
  initWeights,
  Random,
  type HostTensor,
  type LayerGraph,
  type WeightMap,
} from '@wrn/spec';
import { createReferenceRuntime, sgdStep } from '@wrn/runtime-reference';

/** The reference under another name and capabilities, with an optional executor wrapper. */
function wrap(
  runtime: TrainableRuntime,
  name: string,
  wrapExecutor: (executor: TrainableExecutor) => TrainableExecutor = (e) => e,
  capabilities = {},
): TrainableRuntime {
  return {
    name,
    backend: runtime.backend,
    capabilities: { ...runtime.capabilities, ...capabilities },
    compile: async (spec, options) => wrapExecutor(await runtime.compile(spec, options)),
    dispose: () => runtime.dispose(),
  };
}

/**
 * Bug: BatchNorm epsilon 1e-3 where the spec says 1e-5 (or 1e-5 where it says 1e-3), Keras's default leaking in.
 *
 * @example
 * (await runConformance(wrongEpsilonRuntime, { cases: ['eval-forward'] })).failed; // 1
 */
export function wrongEpsilonRuntime(): Runtime {
  const transformGraph = (graph: LayerGraph): LayerGraph => ({
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.op === 'batchNorm' ? { ...node, epsilon: node.epsilon === 1e-3 ? 1e-5 : 1e-3 } : node,
    ),
  });
  return wrap(createReferenceRuntime({ transformGraph }), 'broken-bn-epsilon');
}

/**
 * Bug: every residual add drops its shortcut input, so blocks compute only their residual branch.
 *
 * @example
 * (await runConformance(missingShortcutRuntime, { cases: ['eval-forward'] })).failed; // 1
 */
export function missingShortcutRuntime(): Runtime {
  const transformGraph = (graph: LayerGraph): LayerGraph => {
    const replaced = new Map<string, string>();
    const nodes = graph.nodes.filter((node) => {
      if (node.op === 'add') replaced.set(node.output, node.inputs[0]!);
      return node.op !== 'add';
    });
    const resolve = (name: string) => replaced.get(name) ?? name;
    return { ...graph, nodes: nodes.map((node) => ({ ...node, inputs: node.inputs.map(resolve) })) };
  };
  return wrap(createReferenceRuntime({ transformGraph }), 'broken-missing-shortcut');
}

/**
 * Bug: the Nesterov flag is ignored, so the update is plain momentum `w -= lr * buf`.
 *
 * @example
 * (await runConformance(wrongNesterovRuntime, { cases: ['train-step'] })).failed; // 1
 */
export function wrongNesterovRuntime(): Runtime {
  const optimizerStep: typeof sgdStep = (weights, gradients, buffers, optimizer, learningRate) =>
    sgdStep(weights, gradients, buffers, { ...optimizer, nesterov: false }, learningRate);
  return wrap(createReferenceRuntime({ optimizerStep }), 'broken-nesterov');
}

/**
 * Bug: one tensor's gradient is off by a relative 1e-3, as a float32 sum over 65536 products accumulated naively can
 * be; its post-step weights differ from the reference's by about 1e-3 of the update only.
 *
 * @example
 * (await runConformance(() => impreciseGradientRuntime(), { cases: ['real-size-step'] })).failed; // 1
 */
export function impreciseGradientRuntime(name = 'group0.block0.conv0.weight'): Runtime {
  const optimizerStep: typeof sgdStep = (weights, gradients, buffers, optimizer, learningRate) => {
    const gradient = gradients.get(name);
    const skewed = gradient && { ...gradient, data: gradient.data.map((value) => value * (1 + 1e-3)) };
    const replaced = skewed ? new Map([...gradients, [name, skewed]]) : gradients;
    sgdStep(weights, replaced, buffers, optimizer, learningRate);
  };
  return wrap(createReferenceRuntime({ optimizerStep }), 'broken-imprecise-gradient');
}

/**
 * Bug: dropout masks drawn the runtime's own way (a xoshiro stream seeded with the step seed, as the reference did
 * before `@wrn/spec` defined them): deterministic and seed-dependent, so `determinism` passes, but not the spec's.
 *
 * @example
 * (await runConformance(ownDropoutMasksRuntime, { cases: ['dropout-step'] })).failed; // 1
 */
export function ownDropoutMasksRuntime(): Runtime {
  const drawMasks: typeof dropoutMasks = (graph, stepSeed, range) => {
    const random = new Random(stepSeed);
    const masks = new Map<string, Uint8Array>();
    for (const node of graph.nodes) {
      if (node.op !== 'dropout') continue;
      const length = range.size * elementCount(node.outputShape);
      masks.set(
        node.name,
        Uint8Array.from({ length }, () => (random.uniform() >= node.rate ? 1 : 0)),
      );
    }
    return masks;
  };
  return wrap(createReferenceRuntime({ drawMasks }), 'broken-own-dropout-masks');
}

/**
 * Bug: the spec's generator, but every micro-batch draws the masks of examples from 0, as if it were the whole
 * batch: right without micro-batches, wrong (and dependent on the micro-batch size) with them.
 *
 * @example
 * (await runConformance(microBatchMasksRuntime, { cases: ['dropout-step'] })).failed; // 1
 */
export function microBatchMasksRuntime(): Runtime {
  const drawMasks: typeof dropoutMasks = (graph, stepSeed, range) =>
    dropoutMasks(graph, stepSeed, { start: 0, size: range.size });
  return wrap(createReferenceRuntime({ drawMasks }), 'broken-micro-batch-masks');
}

/**
 * Reads a weight given in the canonical layout as if it were another one (conv OIHW as HWIO, TensorFlow's layout;
 * dense [out, in] as [in, out]), or writes it back the same way.
 */
function swapLayout(tensor: HostTensor, kind: 'conv' | 'dense', direction: 'in' | 'out'): HostTensor {
  const isConv = tensor.shape.length === 4;
  if ((kind === 'conv') !== isConv || (kind === 'dense' && tensor.shape.length !== 2)) return tensor;
  const [outChannels = 0, inChannels = 0, height = 1, width = 1] = tensor.shape;
  const data = new Float32Array(tensor.data.length);
  for (let o = 0; o < outChannels; o++)
    for (let i = 0; i < inChannels; i++)
      for (let h = 0; h < height; h++)
        for (let w = 0; w < width; w++) {
          const canonical = ((o * inChannels + i) * height + h) * width + w;
          const other = ((h * width + w) * inChannels + i) * outChannels + o;
          if (direction === 'in') data[canonical] = tensor.data[other]!;
          else data[other] = tensor.data[canonical]!;
        }
  return { shape: [...tensor.shape], data };
}

/**
 * Bug: conv (or dense) weights cross the weight boundary in another layout, consistently both ways.
 *
 * @example
 * (await runConformance(() => swappedLayoutRuntime('dense'), { cases: ['parameter-inventory'] })).failed; // 1
 */
export function swappedLayoutRuntime(kind: 'conv' | 'dense' = 'conv'): Runtime {
  const swap = (weights: WeightMap, direction: 'in' | 'out'): WeightMap =>
    new Map([...weights].map(([name, tensor]) => [name, swapLayout(tensor, kind, direction)]));
  const reference = createReferenceRuntime();
  return {
    ...wrap(reference, `broken-${kind}-layout`),
    compile: async (spec, options = {}) => {
      const executor = await reference.compile(spec, {
        ...options,
        weights: swap(options.weights ?? initWeights(spec, options.seed ?? 0), 'in'), // the contract's defaults
      });
      return Object.assign(Object.create(executor) as TrainableExecutor, {
        getWeights: async () => swap(await executor.getWeights(), 'out'),
        setWeights: (weights: WeightMap) => executor.setWeights(swap(weights, 'in')),
      });
    },
  };
}

/**
 * Bug: every training step keeps one more live tensor it never frees.
 *
 * @example
 * (await runConformance(leakingRuntime, { cases: ['resource-hygiene'] })).failed; // 1
 */
export function leakingRuntime(): Runtime {
  return wrap(createReferenceRuntime(), 'broken-leak', (executor) => {
    const leaked: Float32Array[] = [];
    return Object.assign(Object.create(executor) as TrainableExecutor, {
      trainStep: async (...args: Parameters<TrainableExecutor['trainStep']>) => {
        leaked.push(new Float32Array(16));
        return executor.trainStep(...args);
      },
      memory: () => {
        const held = executor.memory!();
        return { tensors: held.tensors + leaked.length, bytes: held.bytes + leaked.length * 64 };
      },
    });
  });
}

/**
 * Not a bug: an inference-only runtime (as ONNX Runtime is), whose training cases must be skips with a reason.
 *
 * @example
 * (await runConformance(inferenceOnlyRuntime, { cases: ['train-step'] })).skipped; // 1
 */
export function inferenceOnlyRuntime(): Runtime {
  return wrap(createReferenceRuntime(), 'inference-only', undefined, {
    supportsTraining: false,
    reportsMemory: false,
  });
}

/**
 * Bug: the runtime checks the learning rate itself (its own message) before the shared check of `@wrn/core` can, so
 * users get a different error from this runtime than from every other.
 *
 * @example
 * (await runConformance(ownLearningRateCheckRuntime, { cases: ['bad-input'] })).failed; // 1
 */
export function ownLearningRateCheckRuntime(): Runtime {
  return wrap(createReferenceRuntime(), 'broken-own-check', (executor) =>
    Object.assign(Object.create(executor) as TrainableExecutor, {
      trainStep: async (...args: Parameters<TrainableExecutor['trainStep']>) => {
        if (!(args[1].learningRate >= 0)) throw new RangeError('learning rate must be >= 0');
        return executor.trainStep(...args);
      },
    }),
  );
}
