import { readFileSync } from 'node:fs';
import { formatModelName, initWeights, specFromJson } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeCheckpoint } from '../src/index.js';

// Written by scripts/python/make_state_dict_fixture.py from the independent PyTorch model in wrn_torch.py.
interface Case {
  spec: unknown;
  trainable: number;
  stateDict: [string, number[]][];
}
const fixture = JSON.parse(
  readFileSync(new URL('fixtures/torch-state-dicts.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const cases = fixture.cases.map((item) => {
  const spec = specFromJson(JSON.stringify(item.spec));
  return [`${formatModelName(spec)} ${spec.variant}`, spec, item] as const;
});

describe('checkpoints hold exactly what a PyTorch model of the same spec loads with strict=True', () => {
  it.each(cases)('%s', (_name, spec, item) => {
    const { tensors } = decodeSafetensors(encodeCheckpoint({ spec, weights: initWeights(spec, 0) }));
    // Same names, same shapes, same order as the module's state_dict.
    expect([...tensors].map(([name, tensor]) => [name, tensor.shape])).toEqual(item.stateDict);
    const trainable = [...tensors]
      .filter(([name]) => !name.includes('running_'))
      .reduce((sum, [, tensor]) => sum + tensor.data.length, 0);
    expect(trainable).toBe(item.trainable);
  });
});
