import { decodeCheckpoint, encodeCheckpoint } from '@wrn/checkpoint';
import { createReferenceRuntime } from '@wrn/runtime-reference';
import { createTfjsRuntime } from '@wrn/runtime-tfjs';
import { Random, wrn } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { exportOnnx, readOnnxWeights } from '../src/index.js';
import { createOnnxRuntime } from '../src/node.js';
import { maxRelativeError } from './golden-fixture.js';

/** float32 engines vs the float64 reference, as in the conformance suite (|a - b| <= 1e-4 (1 + |b|)). */
const TOLERANCE = 1e-4;

describe('a checkpoint trained by the tfjs runtime, served by ONNX', () => {
  it('tfjs trainStep -> safetensors checkpoint -> ONNX file -> same logits as the float64 reference', async () => {
    const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8, variant: 'seed-pytorch', dropout: 0 });
    const random = new Random(11);
    const images = new Float32Array(3 * 3 * 64).map(() => random.normal());
    const tfjs = await (await createTfjsRuntime({ backend: 'cpu' })).compile(spec, { seed: 3 });
    // One step moves the weights and the BatchNorm running statistics away from their initial values.
    await tfjs.trainStep({ images, labels: new Int32Array([0, 4, 9]), size: 3 }, { learningRate: 0.1 });
    const trainedLogits = await tfjs.forward(images, 3);
    const checkpoint = decodeCheckpoint(encodeCheckpoint({ spec, weights: await tfjs.getWeights() }));
    tfjs.dispose();
    expect(checkpoint.weights.get('group0.block0.bn1.running_mean')?.data.some((value) => value !== 0)).toBe(
      true,
    );

    const onnxFile = exportOnnx(checkpoint.spec, checkpoint.weights);
    const weightsBack = readOnnxWeights(onnxFile);
    const reference = await createReferenceRuntime().compile(spec, { weights: weightsBack });
    const expected = await reference.forward(images, 3);

    for (const foldBatchNorm of [false, true]) {
      const onnx = await (
        await createOnnxRuntime({ foldBatchNorm })
      ).compile(checkpoint.spec, { weights: checkpoint.weights });
      expect(maxRelativeError(await onnx.forward(images, 3), expected)).toBeLessThan(TOLERANCE);
      onnx.dispose();
    }
    expect(maxRelativeError(trainedLogits, expected)).toBeLessThan(TOLERANCE);
  });
});
