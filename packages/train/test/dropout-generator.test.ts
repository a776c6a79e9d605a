import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint } from '@wrn/checkpoint/node';
import { DROPOUT_MASK_GENERATOR } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  DropoutGeneratorMismatchError,
  RUN_STATE_KEY,
  RunMismatchError,
  train,
  type TrainOptions,
} from '../src/index.js';
import { options, spec, temporaryDirectory, tinyRecipe } from './helpers.js';

/** Rewrites the run state of `dir`'s last checkpoint with `generator` (undefined: as a run written before it). */
async function recordGenerator(dir: string, generator: string | undefined): Promise<void> {
  const path = join(dir, 'last.safetensors');
  const checkpoint = await loadCheckpoint(path);
  const { dropoutMaskGenerator: _recorded, ...state } = JSON.parse(checkpoint.metadata[RUN_STATE_KEY]!);
  const metadata = {
    [RUN_STATE_KEY]: JSON.stringify(
      generator === undefined ? state : { ...state, dropoutMaskGenerator: generator },
    ),
  };
  await saveCheckpoint(path, { ...checkpoint, metadata });
}

/** A run of `spec` stopped after its first step, so a resume has steps left to take. */
async function interruptedRun(runSpec: TrainOptions['spec']): Promise<{ dir: string; run: TrainOptions }> {
  const dir = temporaryDirectory();
  const run = { ...options(dir, tinyRecipe({ epochs: 1 })), spec: runSpec };
  const controller = new AbortController();
  const first = await train({
    ...run,
    signal: controller.signal,
    onEvent: (event) => event.type === 'batch' && controller.abort(),
  });
  expect(first.status).toBe('interrupted');
  return { dir, run };
}

describe('the dropout mask generator of a run', () => {
  it('is recorded in config.json and in the run state of last.safetensors', async () => {
    const { dir } = await interruptedRun(spec);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).dropoutMaskGenerator).toBe(
      'wrn-counter-1',
    );
    const state = JSON.parse((await loadCheckpoint(join(dir, 'last.safetensors'))).metadata[RUN_STATE_KEY]!);
    expect(state.dropoutMaskGenerator).toBe(DROPOUT_MASK_GENERATOR);
  });

  it('stops a resume with dropout when the run recorded none (written before) or another one, in one line', async () => {
    const { dir, run } = await interruptedRun(spec); // dropout 0.3
    await recordGenerator(dir, undefined);
    const absent = train({ ...run, resume: true });
    await expect(absent).rejects.toThrow(DropoutGeneratorMismatchError);
    await expect(absent).rejects.toThrow(RunMismatchError); // callers that handle mismatches handle this one
    await expect(absent).rejects.toMatchObject({
      field: 'dropoutMaskGenerator',
      recorded: undefined,
      current: 'wrn-counter-1',
      message:
        `run folder ${dir} was trained with dropout masks from a generator it did not record (it was written before ` +
        "runs recorded one), but this version draws them with 'wrn-counter-1'; start a new run, or train it on with " +
        'the version that wrote it',
    });
    await recordGenerator(dir, 'xoshiro-1');
    await expect(train({ ...run, resume: true })).rejects.toThrow(
      `run folder ${dir} was trained with dropout masks from generator 'xoshiro-1', but this version draws them with 'wrn-counter-1'`,
    );
  });

  it('lets a run without dropout resume whatever it recorded, and records the current generator from then on', async () => {
    const { dir, run } = await interruptedRun({ ...spec, dropout: 0 });
    await recordGenerator(dir, undefined);
    const resumed = await train({ ...run, resume: true });
    expect(resumed.status).toBe('completed');
    const state = JSON.parse((await loadCheckpoint(join(dir, 'last.safetensors'))).metadata[RUN_STATE_KEY]!);
    expect([state.step, state.dropoutMaskGenerator]).toEqual([3, DROPOUT_MASK_GENERATOR]);
  });
});
