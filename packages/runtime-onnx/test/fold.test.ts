import { InferenceSession, Tensor } from 'onnxruntime-node';
import {
  expandGraph,
  initWeights,
  Random,
  wrn,
  type BatchNormNode,
  type Conv2dNode,
  type ModelSpec,
  type WeightMap,
} from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  exportOnnx,
  foldConvBatchNorm,
  planBatchNormFolds,
  readOnnxMetadata,
  readOnnxWeights,
} from '../src/index.js';
import { maxRelativeError } from './golden-fixture.js';

const folds = (spec: ModelSpec) =>
  [...planBatchNormFolds(expandGraph(spec))].map(([bn, conv]) => `${conv.name}>${bn}`).sort();

describe('planBatchNormFolds', () => {
  it('paper WRN-10-1: only the BN after each block conv0; the stem also feeds an identity shortcut', () => {
    expect(folds(wrn({ depth: 10, widenFactor: 1 }))).toEqual([
      'group0.block0.conv0>group0.block0.bn1',
      'group1.block0.conv0>group1.block0.bn1',
      'group2.block0.conv0>group2.block0.bn1',
    ]);
  });

  it('paper WRN-10-2: the stem feeds only group0.block0.bn0 (the projection reads the pre-activation), so it folds too', () => {
    expect(folds(wrn({ depth: 10, widenFactor: 2 }))).toContain('stem.conv>group0.block0.bn0');
    expect(folds(wrn({ depth: 10, widenFactor: 2 }))).toHaveLength(4);
  });

  it('seed variants: the shortcut BNs and the BN after conv0 fold, across dropout', () => {
    expect(folds(wrn({ depth: 10, widenFactor: 1, variant: 'seed-pytorch', dropout: 0.3 }))).toEqual([
      'group0.block0.conv0>group0.block0.bn1',
      'group0.block0.shortcut.conv>group0.block0.shortcut.bn',
      'group1.block0.conv0>group1.block0.bn1',
      'group1.block0.shortcut.conv>group1.block0.shortcut.bn',
      'group2.block0.conv0>group2.block0.bn1',
      'group2.block0.shortcut.conv>group2.block0.shortcut.bn',
    ]);
  });

  it('B(3,1,3): both BNs inside a block fold, pre-activation BNs after an add never do', () => {
    const planned = folds(wrn({ depth: 13, widenFactor: 1, blockType: 'B(3,1,3)' }));
    expect(planned).toContain('group1.block0.conv0>group1.block0.bn1');
    expect(planned).toContain('group1.block0.conv1>group1.block0.bn2');
    expect(planned.filter((entry) => entry.endsWith('bn0') || entry.endsWith('head.bn'))).toEqual([]);
  });
});

describe('foldConvBatchNorm', () => {
  it('matches hand arithmetic: scale = gamma / sqrt(var + eps)', () => {
    // channel 0: W 2, b 1, gamma 3, beta 0.5, mean 1, var 3, eps 1 -> scale 1.5, W' 3, b' 0.5
    // channel 1: W -1, b 0, gamma 1, beta 0, mean 2, var 0, eps 1 -> scale 1, W' -1, b' -2
    const conv = { name: 'c', weight: 'c.weight', bias: 'c.bias', outChannels: 2 } as Conv2dNode;
    const bn = { weight: 'g', bias: 'b', runningMean: 'm', runningVar: 'v', epsilon: 1 } as BatchNormNode;
    const tensor = (...values: number[]) => ({ shape: [values.length], data: new Float32Array(values) });
    const weights: WeightMap = new Map([
      ['c.weight', { shape: [2, 1, 1, 1], data: new Float32Array([2, -1]) }],
      ['c.bias', tensor(1, 0)],
      ['g', tensor(3, 1)],
      ['b', tensor(0.5, 0)],
      ['m', tensor(1, 2)],
      ['v', tensor(3, 0)],
    ]);
    const { weight, bias } = foldConvBatchNorm(conv, bn, weights);
    expect(Array.from(weight)).toEqual([3, -1]);
    expect(Array.from(bias)).toEqual([0.5, -2]);
  });
});

/** initWeights with BatchNorm statistics and affine parameters made non-trivial, so folding changes numbers. */
function randomizedWeights(spec: ModelSpec, seed: number): WeightMap {
  const weights = initWeights(spec, seed);
  const random = new Random(seed + 1);
  for (const [name, tensor] of weights) {
    if (!/\.bn\d*\./.test(name)) continue;
    const center = name.endsWith('running_var') ? 1 : name.endsWith('.weight') ? 1 : 0;
    const value = () => center + 0.8 * (random.uniform() - 0.5);
    tensor.data.forEach((_, i) => (tensor.data[i] = value()));
  }
  return weights;
}

describe('exportOnnx({ foldBatchNorm: true })', () => {
  /**
   * Folding rounds W * scale and (b - mean) * scale + beta to float32 once; the unfolded graph rounds the conv and
   * the BN separately. Both are float32 evaluations of the same function: 1e-5 relative to (1 + |logit|) bounds it.
   */
  const TOLERANCE = 1e-5;
  const cases: ModelSpec[] = [
    wrn({ depth: 10, widenFactor: 2, inputSize: 8 }),
    wrn({ depth: 10, widenFactor: 1, inputSize: 8, variant: 'seed-pytorch' }),
    wrn({ depth: 13, widenFactor: 1, inputSize: 8, blockType: 'B(3,1,3)', variant: 'seed-keras' }),
  ];
  for (const spec of cases) {
    it(`gives the same logits as the unfolded file: ${spec.variant} WRN-${spec.depth}-${spec.widenFactor}`, async () => {
      const weights = randomizedWeights(spec, 3);
      const images = new Float32Array(4 * 3 * 64).map((_, i) => Math.sin(i * 0.7));
      const logitsOf = async (bytes: Uint8Array) => {
        const session = await InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' });
        const { logits } = await session.run({ input: new Tensor('float32', images, [4, 3, 8, 8]) });
        await session.release();
        return logits!.data as Float32Array;
      };
      const plain = await logitsOf(exportOnnx(spec, weights));
      const folded = await logitsOf(exportOnnx(spec, weights, { foldBatchNorm: true }));
      expect(maxRelativeError(folded, plain)).toBeLessThan(TOLERANCE);
      expect(maxRelativeError(plain, new Float32Array(plain.length))).toBeGreaterThan(0.1); // logits are not all ~0
    });
  }

  it('removes the folded BNs, names the new initializers and records them; canonical weights cannot be read back', () => {
    const spec = wrn({ depth: 10, widenFactor: 1, variant: 'seed-pytorch' });
    const bytes = exportOnnx(spec, initWeights(spec, 0), { foldBatchNorm: true });
    const model = decodeModel(bytes);
    // 3 blocks x (bn0, bn1, shortcut.bn) + head.bn = 10 BNs; 6 fold, bn0 x 3 and head.bn stay.
    expect(model.graph.node.filter((node) => node.opType === 'BatchNormalization')).toHaveLength(4);
    const names = model.graph.initializer.map((tensor) => tensor.name);
    expect(names).toContain('group0.block0.shortcut.conv.folded_weight');
    expect(names).toContain('group0.block0.conv0.folded_bias');
    expect(names).not.toContain('group0.block0.bn1.running_mean');
    expect(readOnnxMetadata(bytes).foldedBatchNorms).toHaveLength(6);
    expect(() => readOnnxWeights(bytes)).toThrow(/folded into convolutions/);
  });
});
