import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWeights, wrn } from '@wrn/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { exportOnnx, exportTrainingOnnx, readOnnxMetadata } from '../src/index.js';
import { saveOnnx, saveTrainingOnnx } from '../src/node.js';

const folder = mkdtempSync(join(tmpdir(), 'wrn-onnx-save-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('saveOnnx', () => {
  const spec = wrn({ depth: 10, widenFactor: 1 });
  const weights = initWeights(spec, 0);

  it('writes the exported bytes and leaves no temporary file', async () => {
    const path = join(folder, 'model.onnx');
    const written = await saveOnnx(path, spec, weights, { foldBatchNorm: true });
    const expected = exportOnnx(spec, weights, { foldBatchNorm: true });
    expect(written).toBe(expected.byteLength);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(expected))).toBe(true);
    expect(readOnnxMetadata(readFileSync(path)).foldedBatchNorms).toHaveLength(3);
    expect(readdirSync(folder)).toEqual(['model.onnx']);
  });

  it('writes nothing when the export fails or the folder does not exist', async () => {
    await expect(saveOnnx(join(folder, 'bad.onnx'), spec, new Map())).rejects.toThrow(
      /^exportOnnx\(spec, weights\) for WRN-10-1: missing stem\.conv\.weight/,
    );
    await expect(saveOnnx(join(folder, 'missing', 'x.onnx'), spec, weights)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(folder)).toEqual(['model.onnx']);
  });

  it('writes a training export the same way', async () => {
    const path = join(folder, 'step.onnx');
    const written = await saveTrainingOnnx(path, spec, weights, { graph: 'gradients' });
    const expected = exportTrainingOnnx(spec, weights, { graph: 'gradients' });
    expect(written).toBe(expected.byteLength);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(expected))).toBe(true);
    expect(readOnnxMetadata(readFileSync(path)).trainingGraph).toBe('gradients');
    expect(readdirSync(folder).sort()).toEqual(['model.onnx', 'step.onnx']);
  });
});
