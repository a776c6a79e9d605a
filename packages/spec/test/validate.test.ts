import { describe, expect, it } from 'vitest';
import {
  MODEL_SPEC_SCHEMA,
  parseModelName,
  specFromJson,
  specToJson,
  validateModelSpec,
  wrn,
} from '../src/index.js';

const base = parseModelName('WRN-28-10');
const withField = (path: string[], value: unknown): unknown => {
  const copy = JSON.parse(JSON.stringify(base));
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path.at(-1) as string] = value;
  return copy;
};

describe('spec validation', () => {
  it.each([
    [['depth'], 28.5, TypeError, /spec.depth must be of type integer, got 28.5/],
    [['depth'], 2, RangeError, /spec.depth must be >= 4, got 2/],
    [['widenFactor'], 0, RangeError, /spec.widenFactor must be >= 1, got 0/],
    [['numClasses'], 1, RangeError, /spec.numClasses must be >= 2, got 1/],
    [['dropout'], 1, RangeError, /spec.dropout must be < 1, got 1/],
    [['dropout'], -0.1, RangeError, /spec.dropout must be >= 0, got -0.1/],
    [
      ['variant'],
      'keras',
      RangeError,
      /spec.variant must be one of 'paper', 'seed-pytorch', 'seed-keras', got 'keras'/,
    ],
    [['blockType'], [], RangeError, /spec.blockType must have at least 1 items/],
    [['blockType'], [3, 4], RangeError, /spec.blockType\[1\] must be a positive odd integer/],
    [['input', 'height'], 2, RangeError, /spec.input.height must be >= 4, got 2/],
    [
      ['input', 'mean'],
      [0.5, 0.5],
      RangeError,
      /spec.input.mean must have one value per channel \(3\), got 2/,
    ],
    [['input', 'std'], [0, 1, 1], RangeError, /spec.input.std\[0\] must be > 0, got 0/],
    [['batchNorm', 'epsilon'], 0, RangeError, /spec.batchNorm.epsilon must be > 0, got 0/],
    [
      ['batchNorm', 'momentum'],
      Number.NaN,
      RangeError,
      /spec.batchNorm.momentum must be a finite number, got NaN/,
    ],
    [['specVersion'], 2, RangeError, /spec.specVersion must be 1, got 2/],
    [['classNames'], ['a', 'b'], RangeError, /spec.classNames must have numClasses \(10\) names, got 2/],
    [['colour'], 'red', TypeError, /spec.colour is not a known field/],
  ])('rejects %j = %j', (path, value, type, message) => {
    const call = () => validateModelSpec(withField(path as string[], value));
    expect(call).toThrow(type as ErrorConstructor);
    expect(call).toThrow(message as RegExp);
  });

  it('rejects a missing field and a non-object', () => {
    const { depth: _depth, ...rest } = base;
    expect(() => validateModelSpec(rest)).toThrow(/spec.depth is missing/);
    expect(() => validateModelSpec(null)).toThrow(/spec must be of type object, got null/);
  });

  it('checks depth against the block type', () => {
    expect(() => validateModelSpec(withField(['depth'], 27))).toThrow(/nearest valid depths are 22 and 28/);
  });

  it('rejects an unknown variant and a non-object in the builder', () => {
    expect(() => wrn({ depth: 28, widenFactor: 10, variant: 'tf' as never })).toThrow(
      /variant 'tf' is unknown/,
    );
    expect(() => wrn(undefined as never)).toThrow(TypeError);
  });
});

describe('JSON', () => {
  it('round-trips every variant losslessly', () => {
    for (const variant of ['paper', 'seed-pytorch', 'seed-keras'] as const) {
      const spec = parseModelName('WRN-40-4-B(3,1,3)', {
        variant,
        numClasses: 100,
        classNames: Array.from({ length: 100 }, (_, i) => `c${i}`),
      });
      expect(specFromJson(specToJson(spec))).toEqual(spec);
    }
  });

  it('names a syntax error', () => {
    expect(() => specFromJson('{"depth": 28,')).toThrow(/spec JSON does not parse/);
  });

  it('exports a JSON Schema listing every spec field', () => {
    expect(Object.keys(MODEL_SPEC_SCHEMA.properties ?? {}).sort()).toEqual(
      Object.keys({ ...base, classNames: [] }).sort(),
    );
    expect(MODEL_SPEC_SCHEMA.$schema).toContain('2020-12');
  });
});
