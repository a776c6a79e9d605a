import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCheckpoint } from '@wrn/checkpoint';
import { loadCheckpoint } from '@wrn/checkpoint/node';
import { readOnnxMetadata, readOnnxWeights, TRAINING_GRAPH_KINDS } from '@wrn/runtime-onnx';
import { paperRecipe } from '@wrn/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

const folder = temporaryDirectory();
const checkpoint = join(folder, 'init.safetensors');
const exportArgs = (out: string, ...extra: string[]) => [
  'export',
  '--checkpoint',
  checkpoint,
  '--format',
  'onnx',
  '--out',
  out,
  ...extra,
];

beforeAll(async () => {
  const init = await runCli(['init', 'WRN-10-1', '--seed', '2', '--out', checkpoint]);
  expect(init.code, init.stderr).toBe(0);
});

describe('wrn export --training', () => {
  it('writes the step graph with the checkpoint weights and the paper optimizer', async () => {
    const out = join(folder, 'step.onnx');
    const { code, stdout, stderr } = await runCli([...exportArgs(out, '--training'), '--json']);
    expect(code, stderr).toBe(0);
    const bytes = readFileSync(out);
    expect(JSON.parse(stdout)).toEqual({
      out,
      bytes: bytes.length,
      graph: 'step',
      optimizer: paperRecipe().optimizer,
      optimizerSource: 'the paper recipe',
    });
    const metadata = readOnnxMetadata(bytes);
    expect([metadata.trainingGraph, metadata.optimizer]).toEqual(['step', paperRecipe().optimizer]);
    const { weights } = await loadCheckpoint(checkpoint);
    const stored = readOnnxWeights(bytes);
    for (const [name, { data }] of weights) expect(stored.get(name)?.data, name).toEqual(data);
  });

  it('writes the graph --graph names, with the optimizer of the run', async () => {
    const run = temporaryDirectory();
    const { spec, weights } = await loadCheckpoint(checkpoint);
    const recipe = paperRecipe({ optimizer: { ...paperRecipe().optimizer, weightDecay: 1e-4 } });
    const last = join(run, 'last.safetensors');
    writeFileSync(
      last,
      encodeCheckpoint({ spec, weights, metadata: { 'wrn.run': JSON.stringify({ recipe }) } }),
    );
    const out = join(run, 'gradients.onnx');
    const args = ['export', '--checkpoint', last, '--out', out, '--training', '--graph', 'gradients'];
    const { code, stdout, stderr } = await runCli(args);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(
      /^wrote .*gradients\.onnx \(0\.\d MB\): training graph 'gradients', optimizer from .*last\.safetensors \(metadata 'wrn\.run'\)\n$/,
    );
    expect(readOnnxMetadata(readFileSync(out)).optimizer?.weightDecay).toBe(1e-4);
  });

  it('takes the optimizer from the config.json of the run folder', async () => {
    const run = temporaryDirectory();
    const best = join(run, 'best.safetensors');
    writeFileSync(best, readFileSync(checkpoint));
    const recipe = paperRecipe({ optimizer: { ...paperRecipe().optimizer, momentum: 0.5 } });
    writeFileSync(join(run, 'config.json'), JSON.stringify({ recipe }));
    const out = join(run, 'step.onnx');
    const { code, stderr } = await runCli(['export', '--checkpoint', best, '--out', out, '--training']);
    expect(code, stderr).toBe(0);
    expect(readOnnxMetadata(readFileSync(out)).optimizer?.momentum).toBe(0.5);
  });

  it('refuses a bad --graph, --graph alone and inference flags, with one line and exit 2', async () => {
    const out = join(folder, 'bad.onnx');
    const cases: [string[], string][] = [
      [
        ['--training', '--graph', 'steps'],
        `wrn export: --graph must be one of ${TRAINING_GRAPH_KINDS.join(', ')}, got 'steps'`,
      ],
      [['--graph', 'step'], 'wrn export: --graph chooses a training graph; add --training'],
      [
        ['--training', '--fold-bn'],
        'wrn export: --fold-bn applies to inference exports, not --training; drop one of them',
      ],
    ];
    for (const [flags, message] of cases) {
      const { code, stderr } = await runCli(exportArgs(out, ...flags));
      expect([code, stderr.trim()]).toEqual([2, message]);
    }
    expect(existsSync(out)).toBe(false);
  });
});
