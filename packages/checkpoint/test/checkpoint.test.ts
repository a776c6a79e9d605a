import { initWeights, wrn, type ModelSpec, type WeightMap } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  decodeCheckpoint,
  decodeSafetensors,
  encodeCheckpoint,
  encodeSafetensors,
  type SafetensorsTensor,
} from '../src/index.js';

// WRN-10-1 (paper): one block per group; 77,850 trainable parameters (the figure).
const spec = wrn({ depth: 10, widenFactor: 1 });
const weights = initWeights(spec, 7);

function momentum(of: WeightMap, names: string[]): WeightMap {
  return new Map(
    names.map((name) => [
      name,
      { shape: [...of.get(name)!.shape], data: of.get(name)!.data.map((v) => v * 0.5) },
    ]),
  );
}

/** A checkpoint's tensors and metadata, to tamper with and re-encode. */
function rawCheckpoint(checkpointSpec: ModelSpec = spec) {
  return decodeSafetensors(
    encodeCheckpoint({ spec: checkpointSpec, weights: initWeights(checkpointSpec, 1) }),
  );
}

function expectProblems(action: () => unknown, problems: string[]) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    expect([...(error as CheckpointError).problems].sort()).toEqual([...problems].sort());
    for (const problem of problems) expect((error as Error).message).toContain(problem);
    return;
  }
  throw new Error('expected a CheckpointError');
}

describe('checkpoints', () => {
  it('round-trip spec, weights, momentum buffers and caller metadata', () => {
    const optimizerState = momentum(weights, ['stem.conv.weight', 'head.fc.bias']);
    const bytes = encodeCheckpoint({ spec, weights, optimizerState, metadata: { epoch: '3', rng: '[1,2]' } });
    const back = decodeCheckpoint(bytes);
    expect(back.spec).toEqual(spec);
    expect(back.metadata).toEqual({ epoch: '3', rng: '[1,2]' });
    expect([...back.weights.keys()]).toEqual([...weights.keys()]);
    for (const [name, tensor] of weights) expect(back.weights.get(name)).toEqual(tensor);
    expect(back.optimizerState).toEqual(optimizerState);
  });

  it('is self-describing safetensors: F32 tensors under canonical names, spec JSON in __metadata__', () => {
    const named = wrn({
      depth: 10,
      widenFactor: 1,
      variant: 'seed-keras',
      classNames: 'abcdefghij'.split(''),
    });
    const raw = decodeSafetensors(
      encodeCheckpoint({
        spec: named,
        weights: initWeights(named, 0),
        optimizerState: momentum(weights, ['head.fc.weight']),
      }),
    );
    expect(raw.metadata.format).toBe('wrn-checkpoint');
    expect(JSON.parse(raw.metadata['wrn.spec']!)).toEqual(named);
    expect(raw.tensors.get('optimizer.momentum_buffer.head.fc.weight')?.shape).toEqual([10, 64]);
  });

  it('stores exactly the parameters of WRN-10-1 (counted by hand: 39 tensors, 77,850 + 480 floats)', () => {
    const { tensors } = rawCheckpoint();
    // stem conv; per group 2 BN x 4 + 2 convs; shortcut convs in groups 1 and 2; head BN x 4 + fc weight, bias.
    expect(tensors.size).toBe(1 + 3 * 10 + 2 + 6);
    expect([...tensors.values()].every((tensor) => tensor.dtype === 'F32')).toBe(true);
    // Running mean and variance of BN channels 16+16 + 16+32 + 32+64 + 64 = 240.
    expect([...tensors.values()].reduce((sum, tensor) => sum + tensor.data.length, 0)).toBe(77_850 + 2 * 240);
    expect(tensors.get('group1.block0.shortcut.conv.weight')?.shape).toEqual([32, 16, 1, 1]);
    expect(tensors.get('group0.block0.conv1.weight')?.shape).toEqual([16, 16, 3, 3]);
    expect(tensors.has('group0.block0.shortcut.conv.weight')).toBe(false);
    expect(tensors.get('head.bn.running_var')?.data).toEqual(new Float32Array(64).fill(1));
  });

  it('reports missing, unexpected, wrong-shape and wrong-dtype weights in one error', () => {
    const { tensors, metadata } = rawCheckpoint();
    tensors.delete('group2.block0.bn1.running_mean');
    tensors.set('group9.conv.weight', { dtype: 'F32', shape: [1], data: new Float32Array(1) });
    tensors.set('head.fc.weight', { dtype: 'F32', shape: [10, 63], data: new Float32Array(630) });
    tensors.set('head.fc.bias', { dtype: 'F64', shape: [10], data: new Float64Array(10) });
    expectProblems(
      () => decodeCheckpoint(encodeSafetensors(tensors, metadata)),
      [
        'missing group2.block0.bn1.running_mean: expected F32 [64]',
        'unexpected group9.conv.weight: F32 [1]',
        'wrong shape for head.fc.weight: expected [10, 64], got [10, 63]',
        'wrong dtype for head.fc.bias: expected F32, got F64',
      ],
    );
  });

  it('checks momentum buffers: only trainable parameters, with their shapes; other optimizer keys are unexpected', () => {
    const { tensors, metadata } = rawCheckpoint();
    const f32 = (shape: number[]): SafetensorsTensor => ({
      dtype: 'F32',
      shape,
      data: new Float32Array(shape.reduce((a, b) => a * b, 1)),
    });
    tensors.set('optimizer.momentum_buffer.head.bn.running_mean', f32([64]));
    tensors.set('optimizer.momentum_buffer.head.fc.bias', f32([9]));
    tensors.set('optimizer.step', f32([]));
    expectProblems(
      () => decodeCheckpoint(encodeSafetensors(tensors, metadata)),
      [
        'unexpected optimizer.momentum_buffer.head.bn.running_mean: F32 [64]',
        'wrong shape for optimizer.momentum_buffer.head.fc.bias: expected [10], got [9]',
        'unexpected optimizer.step: F32 []',
      ],
    );
  });

  it('lists the first 20 problems and counts the rest', () => {
    const { metadata } = rawCheckpoint();
    try {
      decodeCheckpoint(encodeSafetensors(new Map(), metadata));
      throw new Error('expected a CheckpointError');
    } catch (error) {
      expect((error as CheckpointError).problems).toHaveLength(39);
      expect((error as Error).message).toMatch(
        /^checkpoint does not match its spec, WRN-10-1 \(paper, 10 classes\) \(39 problems\):/,
      );
      expect((error as Error).message).toContain('... and 19 more');
    }
  });

  it('rejects files that are not @wrn checkpoints or whose spec is invalid', () => {
    const { tensors, metadata } = rawCheckpoint();
    const other = (changed: Record<string, string>) => () =>
      decodeCheckpoint(encodeSafetensors(tensors, changed));
    expect(other({ format: 'pt' })).toThrow(
      /not a @wrn checkpoint: __metadata__.format is "pt", expected 'wrn-checkpoint'/,
    );
    expect(other({})).toThrow(/__metadata__.format is undefined/);
    expect(other({ format: 'wrn-checkpoint' })).toThrow(/lacks 'wrn.spec'/);
    expect(other({ ...metadata, 'wrn.spec': '{depth' })).toThrow(
      /\['wrn.spec'\] is not a valid spec: spec JSON does not parse/,
    );
    const badDepth = JSON.stringify({ ...JSON.parse(metadata['wrn.spec']!), depth: 27 });
    expect(other({ ...metadata, 'wrn.spec': badDepth })).toThrow(/is not a valid spec: depth 27 is invalid/);
  });

  it('refuses to encode a checkpoint that does not match its spec', () => {
    const broken: WeightMap = new Map(weights);
    broken.delete('head.fc.bias');
    broken.set('head.fc.weight', { shape: [10, 64], data: new Float64Array(640) as unknown as Float32Array });
    broken.set('stem.conv.weight', { shape: [16, 3, 3, 3], data: new Float32Array(5) });
    expectProblems(
      () => encodeCheckpoint({ spec, weights: broken }),
      [
        'missing head.fc.bias: expected F32 [10]',
        'wrong dtype for head.fc.weight: expected F32, got Float64Array (need Float32Array)',
        'wrong length for stem.conv.weight: shape [16, 3, 3, 3] has 432 elements but the data has 5',
      ],
    );
    expectProblems(
      () => encodeCheckpoint({ spec, weights, optimizerState: momentum(weights, ['head.bn.running_var']) }),
      ['unexpected optimizer.momentum_buffer.head.bn.running_var: F32 [64]'],
    );
  });

  it('refuses reserved or non-string metadata, non-Map weights and invalid specs', () => {
    expect(() => encodeCheckpoint({ spec, weights, metadata: { format: 'x' } })).toThrow(
      /must not set 'format'/,
    );
    expect(() => encodeCheckpoint({ spec, weights, metadata: { 'wrn.spec': '{}' } })).toThrow(
      /must not set 'wrn.spec'/,
    );
    expect(() => encodeCheckpoint({ spec, weights, metadata: { epoch: 3 as unknown as string } })).toThrow(
      /checkpoint.metadata\["epoch"\] must be a string/,
    );
    expect(() => encodeCheckpoint({ spec, weights: {} as WeightMap })).toThrow(
      /checkpoint.weights must be a Map/,
    );
    expect(() => encodeCheckpoint({ spec: { ...spec, depth: 11 }, weights })).toThrow(/depth 11 is invalid/);
  });
});
