import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import type { OnnxExportOptions } from './export-options.js';
import { exportOnnx } from './export-onnx.js';

/**
 * Exports a network with {@link exportOnnx} and writes it atomically (a temporary file in the same folder, then a
 * rename), so a reader never sees a half-written model. Resolves to the number of bytes written.
 *
 * @example
 * await saveOnnx('wrn-28-10.onnx', spec, weights, { foldBatchNorm: true, probabilities: true });
 */
export async function saveOnnx(
  path: string,
  spec: ModelSpec,
  weights: WeightMap,
  options: OnnxExportOptions = {},
): Promise<number> {
  const bytes = exportOnnx(spec, weights, options);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return bytes.byteLength;
}
