import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCheckpoint } from '@wrn/checkpoint';
import type { Batch, TrainableExecutor, TrainableRuntime, TrainStepOptions } from '@wrn/core';
import { readCifar10, writeSyntheticCifar } from '@wrn/data/node';
import { initWeights, paperRecipe, wrn } from '@wrn/spec';
import { evaluationData, train, trainingData } from '@wrn/train';
import { fileRunStore } from '@wrn/train/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { limitDataset } from '../src/dataset-input.js';
import { temporaryDirectory } from './run-cli.js';

// scripts/replay-batches.mjs must stream exactly what @wrn/train's loop feeds a runtime for a run that `wrn train`
// started: here the loop runs on a runtime that only records its inputs, over synthetic CIFAR-10 files.
const SCRIPT = fileURLToPath(new URL('../../../scripts/replay-batches.mjs', import.meta.url));
const KIND = { hello: 1, train: 2, epochEnd: 3, eval: 4, evalEnd: 5, end: 6 };

const spec = wrn({ depth: 10, widenFactor: 1, numClasses: 10, dropout: 0.3 });
// Momentum resets at both milestones, so their flags are checked too.
const recipe = paperRecipe({
  batchSize: 8,
  epochs: 3,
  schedule: { type: 'multi-step', milestones: [1, 2], gamma: 0.2, resetMomentum: true },
});
const seed = 5;
const [limitTrain, limitTest] = [27, 13]; // 3 batches of 8 (drop-last), evaluation batches of 8 and 5
const evaluateEvery = 2; // after epoch 1 and after the last one (2)

type Call =
  | { kind: 'train'; batch: Batch; options: TrainStepOptions }
  | { kind: 'forward'; images: Float32Array; size: number }
  | { kind: 'reset' };

function recordingRuntime(calls: Call[]): TrainableRuntime {
  return {
    name: 'recording',
    backend: 'none',
    capabilities: { supportsTraining: true, reportsMemory: false, precision: 'float32' },
    async compile(compiled, options) {
      expect(options?.weights).toBeUndefined(); // so the run starts from initWeights(spec, seed)
      const executor: TrainableExecutor = {
        spec: compiled,
        forward: async (images, size) => {
          calls.push({ kind: 'forward', images: images.slice(), size });
          return new Float32Array(size * compiled.numClasses);
        },
        gradients: async () => {
          throw new Error('not used by the training loop');
        },
        trainStep: async (batch, stepOptions) => {
          const copy = { images: batch.images.slice(), labels: batch.labels.slice(), size: batch.size };
          calls.push({ kind: 'train', batch: copy, options: { ...stepOptions } });
          return { loss: 1, examples: batch.size, correct: 0 };
        },
        resetMomentum: () => calls.push({ kind: 'reset' }),
        getWeights: async () => initWeights(compiled, seed),
        setWeights: async () => undefined,
        getOptimizerState: async () => new Map(),
        setOptimizerState: async () => undefined,
        dispose: () => undefined,
      };
      return executor;
    },
    dispose: () => undefined,
  };
}

interface Frame {
  kind: number;
  step: number;
  epoch: number;
  batch: number;
  size: number;
  dropoutSeed: number;
  flags: number;
  learningRate: number;
  payload: Buffer;
}

function replay(args: string[]): Frame[] {
  const done = spawnSync(process.execPath, [SCRIPT, ...args], { maxBuffer: 1 << 30 });
  expect(done.status, done.stderr.toString()).toBe(0);
  const bytes = done.stdout;
  const frames: Frame[] = [];
  let offset = 0;
  let perExample = 0;
  while (offset < bytes.length) {
    const word = (index: number) => bytes.readUInt32LE(offset + index * 4);
    expect(word(0)).toBe(0x57524e52);
    const frame = {
      kind: word(1),
      step: word(2),
      epoch: word(3),
      batch: word(4),
      size: word(5),
      dropoutSeed: word(6),
      flags: word(7),
      learningRate: bytes.readDoubleLE(offset + 32),
    };
    offset += 40;
    let length = 0;
    if (frame.kind === KIND.hello) {
      length = frame.size;
      const shape = JSON.parse(bytes.subarray(offset, offset + length).toString('utf8')).imageShape;
      perExample = shape[0] * shape[1] * shape[2];
    } else if (frame.kind === KIND.train || frame.kind === KIND.eval) {
      length = frame.size * 4 * (1 + perExample);
    }
    frames.push({ ...frame, payload: bytes.subarray(offset, offset + length) });
    offset += length;
  }
  return frames;
}

const bytesOf = (batch: { labels: Int32Array; images: Float32Array }) =>
  Buffer.concat([batch.labels, batch.images].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));

describe('scripts/replay-batches.mjs', () => {
  const data = temporaryDirectory();
  const runDir = join(temporaryDirectory(), 'run');
  const calls: Call[] = [];
  let frames: Frame[] = [];

  beforeAll(async () => {
    writeSyntheticCifar(data, { classes: 10, trainPerClass: 3, testPerClass: 2, seed: 4, layout: 'cifar10' });
    const trainSet = limitDataset(await readCifar10(data, { split: 'train' }), limitTrain);
    const testSet = limitDataset(await readCifar10(data, { split: 'test' }), limitTest);
    // As packages/cli/src/commands/train.ts calls the loop.
    await train({
      runtime: recordingRuntime(calls),
      spec,
      recipe,
      seed,
      store: fileRunStore(runDir),
      train: trainingData(trainSet, { spec, recipe, seed }),
      test: evaluationData(testSet, { spec, batchSize: Math.min(recipe.batchSize, 256) }),
      evaluateEvery,
      config: {
        model: 'WRN-10-1',
        dataset: 'cifar10',
        dataDir: data,
        limitTrain,
        limitTest,
        backend: 'none',
      },
    });
    frames = replay(['--like', runDir, '--evaluate-every', String(evaluateEvery)]);
  });

  it('streams every step as the loop gives it to the runtime: batch bytes, rate, dropout seed, resets', () => {
    const steps = calls.filter((call) => call.kind === 'train');
    const trainFrames = frames.filter((frame) => frame.kind === KIND.train);
    expect(steps).toHaveLength(9);
    expect(trainFrames.map((frame) => [frame.step, frame.epoch, frame.batch])).toEqual(
      steps.map((_, step) => [step, Math.floor(step / 3), step % 3]),
    );
    trainFrames.forEach((frame, step) => {
      const call = steps[step]!;
      expect(frame.size).toBe(call.batch.size);
      expect(frame.payload.equals(bytesOf(call.batch))).toBe(true);
      expect(frame.learningRate).toBe(call.options.learningRate);
      expect(frame.dropoutSeed).toBe(call.options.dropoutSeed);
      const index = calls.indexOf(call);
      expect(frame.flags === 1).toBe(calls[index - 1]?.kind === 'reset');
    });
    expect(trainFrames.map((frame) => frame.flags)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0]);
    expect(trainFrames.map((frame) => frame.learningRate)).toEqual([
      ...[0.1, 0.1, 0.1],
      ...Array(3).fill(0.1 * 0.2),
      ...Array(3).fill(0.1 * 0.2 ** 2),
    ]);
  });

  it('streams the evaluations where the loop evaluates, batch for batch', () => {
    const order = frames
      .filter((frame) => frame.kind !== KIND.hello && frame.kind !== KIND.end)
      .map((frame) => (frame.kind === KIND.train ? 'train' : frame.kind === KIND.eval ? 'forward' : ''))
      .filter(Boolean);
    expect(order).toEqual(calls.filter((call) => call.kind !== 'reset').map((call) => call.kind));
    const forwards = calls.filter((call) => call.kind === 'forward');
    const evalFrames = frames.filter((frame) => frame.kind === KIND.eval);
    expect(evalFrames.map((frame) => [frame.epoch, frame.size])).toEqual([
      [1, 8],
      [1, 5],
      [2, 8],
      [2, 5],
    ]);
    evalFrames.forEach((frame, index) => {
      const call = forwards[index]!;
      const labels = frame.payload.subarray(0, frame.size * 4);
      expect(frame.payload.subarray(labels.length).equals(Buffer.from(call.images.buffer))).toBe(true);
    });
    const ends = frames.filter((frame) => frame.kind === KIND.epochEnd);
    expect(ends.map((frame) => frame.flags)).toEqual([0, 1, 1]);
    expect(frames.at(-1)?.kind).toBe(KIND.end);
  });

  it('resumes mid-epoch with the same frames as the whole stream', () => {
    const tail = replay([
      '--like',
      runDir,
      '--evaluate-every',
      '2',
      '--from-epoch',
      '1',
      '--from-batch',
      '2',
    ]);
    const whole = frames.slice(frames.findIndex((frame) => frame.step === 5 && frame.kind === KIND.train));
    const strip = ({ payload, ...rest }: Frame) => ({ ...rest, payload: payload.toString('base64') });
    expect(tail.slice(1).map(strip)).toEqual(whole.map(strip));
  });

  it('writes the weights the run started from (initWeights(spec, seed))', () => {
    const path = join(temporaryDirectory(), 'init.safetensors');
    const done = spawnSync(process.execPath, [SCRIPT, '--like', runDir, '--write-init', path]);
    expect(done.status, done.stderr.toString()).toBe(0);
    const { weights, spec: stored } = decodeCheckpoint(new Uint8Array(readFileSync(path)));
    expect(stored).toEqual(spec);
    const expected = initWeights(spec, seed);
    for (const [name, tensor] of expected) expect(weights.get(name)?.data).toEqual(tensor.data);
  });
});
