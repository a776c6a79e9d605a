import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import { validateModelSpec } from '@wrn/spec';

/** A PyTorch golden written by scripts/python/make_onnx_golden.py. */
export interface GoldenFixture {
  name: string;
  spec: ModelSpec;
  weights: WeightMap;
  images: Float32Array;
  batch: number;
  logits: Float32Array;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');

const decode = (base64: string): Float32Array => {
  const bytes = Buffer.from(base64, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
};

/** Every golden fixture, decoded. */
export function loadGoldenFixtures(): GoldenFixture[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.startsWith('golden-') && file.endsWith('.json'))
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
      const weights: WeightMap = new Map(
        Object.entries(raw.weights as Record<string, { shape: number[]; data: string }>).map(
          ([name, tensor]) => [name, { shape: tensor.shape, data: decode(tensor.data) }],
        ),
      );
      return {
        name: file.replace(/^golden-|\.json$/g, ''),
        spec: validateModelSpec(raw.spec),
        weights,
        images: decode(raw.images),
        batch: raw.batch,
        logits: decode(raw.logits),
      };
    });
}

/** Largest |a - b| / (1 + |b|) over two arrays of equal length. */
export function maxRelativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  }
  return worst;
}
