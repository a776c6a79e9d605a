import { writeFileAtomic } from '@wrn/checkpoint/node';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import type { OnnxExportOptions } from './export-options.js';
import { exportOnnx } from './export-onnx.js';
import { exportTrainingOnnx, type TrainingExportOptions } from './export-training-onnx.js';

/**
 * Exports a network with {@link exportOnnx} and writes it with `writeFileAtomic` of `@wrn/checkpoint/node`
 * (temporary file, fsync, rename, fsync of the folder), so a reader never sees a half-written model. Resolves to the number of bytes written.
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
  await writeFileAtomic(path, bytes);
  return bytes.byteLength;
}

/**
 * Exports a training graph with {@link exportTrainingOnnx} and writes it atomically like {@link saveOnnx}. Resolves to
 * the number of bytes written.
 *
 * @example
 * await saveTrainingOnnx('wrn-16-2-step.onnx', spec, weights, { graph: 'step' });
 */
export async function saveTrainingOnnx(
  path: string,
  spec: ModelSpec,
  weights: WeightMap,
  options: TrainingExportOptions = {},
): Promise<number> {
  const bytes = exportTrainingOnnx(spec, weights, options);
  await writeFileAtomic(path, bytes);
  return bytes.byteLength;
}
