// `wrn plot` end to end on small synthetic metrics files: a run folder as `wrn train` writes it beside a file in the
// same line format from another writer (fewer fields, shorter, evaluated once), and the errors a user can meet.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUN_COLOURS } from '../src/curves/run-colours.js';
import { runCli, temporaryDirectory } from './run-cli.js';

const folder = temporaryDirectory();
const run = join(folder, 'wrn-10-1');
const torch = join(folder, 'torch', 'run-1.jsonl');
const jsonl = (lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n';

beforeAll(() => {
  mkdirSync(run);
  mkdirSync(join(folder, 'torch'));
  const epoch = (index: number, tested: boolean) => ({
    epoch: index,
    learningRate: index < 2 ? 0.1 : 0.02,
    trainLoss: 2 - index * 0.4,
    trainError: 0.7 - index * 0.1,
    ...(tested ? { testLoss: 1.9 - index * 0.3, testTop1Error: 0.6 - index * 0.1, testTop5Error: 0.2 } : {}),
    imagesPerSecond: 40,
    epochSeconds: 3,
    wallSeconds: 3 * (index + 1),
  });
  writeFileSync(
    join(run, 'metrics.jsonl'),
    jsonl([0, 1, 2, 3].map((index) => epoch(index, index % 2 === 1))),
  );
  writeFileSync(
    torch,
    jsonl([
      { epoch: 0, trainLoss: 2.1 },
      { epoch: 1, trainLoss: 1.7, testTop1Error: 0.5 },
    ]),
  );
});

describe('wrn plot', () => {
  it('draws two runs on one SVG, one colour and one legend entry each', async () => {
    const out = join(folder, 'compare.svg');
    const { code, stdout, stderr } = await runCli(['plot', run, `pytorch=${torch}`, '--out', out, '--json']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      out,
      runs: [
        { label: 'wrn-10-1', metrics: join(run, 'metrics.jsonl'), epochs: 4, heldOutEpochs: 2 },
        { label: 'pytorch', metrics: torch, epochs: 2, heldOutEpochs: 1 },
      ],
    });
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<svg [\s\S]*<\/svg>$/);
    expect(svg).toContain('<title>wrn-10-1 vs pytorch</title>');
    expect(svg).toContain('>wrn-10-1</text>');
    // pytorch has no learning rate: its legend says so, and it draws loss and held-out error only
    expect(svg).toContain('>pytorch (no learning rate)</text>');
    expect(svg.match(new RegExp(`<path [^>]*stroke="${RUN_COLOURS[0]}"`, 'g'))).toHaveLength(3);
    expect(svg.match(new RegExp(`<path [^>]*stroke="${RUN_COLOURS[1]}"`, 'g'))).toHaveLength(2);
  });

  it('writes an HTML page with a title, and one run beside its metrics by default', async () => {
    const html = join(folder, 'compare.html');
    const page = await runCli(['plot', run, torch, '--out', html, '--title', 'WRN-10-1: ours & PyTorch']);
    expect(page.code, page.stderr).toBe(0);
    expect(page.stdout).toBe(`wrote ${html} (wrn-10-1 4 epochs, 2 held-out; run-1 2 epochs, 1 held-out)\n`);
    expect(readFileSync(html, 'utf8')).toMatch(
      /^<!doctype html>[\s\S]*<title>WRN-10-1: ours &amp; PyTorch<\/title>/,
    );
    const single = await runCli(['plot', torch]);
    expect(single.code, single.stderr).toBe(0);
    expect(existsSync(join(folder, 'torch', 'curves.svg'))).toBe(true);
  });

  it('refuses, in one line, a path that is neither a run folder nor a metrics file', async () => {
    const notes = join(folder, 'notes.txt');
    writeFileSync(notes, 'not metrics');
    for (const [path, reason] of [
      [join(folder, 'missing'), 'it does not exist'],
      [join(folder, 'torch'), 'it has no metrics.jsonl (a run writes it when its first epoch finishes)'],
      [notes, 'pass the run folder or its metrics.jsonl'],
    ] as const) {
      const { code, stderr } = await runCli(['plot', path]);
      expect([code, stderr]).toEqual([
        1,
        `wrn plot: ${path} is neither a run folder (holding metrics.jsonl) nor a metrics .jsonl file: ${reason}\n`,
      ]);
    }
  });

  it('names an empty metrics file, and the line of a malformed one', async () => {
    const empty = join(folder, 'empty.jsonl');
    writeFileSync(empty, '');
    const emptyResult = await runCli(['plot', run, empty, '--out', join(folder, 'x.svg')]);
    expect([emptyResult.code, emptyResult.stderr]).toEqual([
      1,
      `wrn plot: ${empty} is empty: it holds no epoch yet; plot the run once its first epoch has finished\n`,
    ]);
    const broken = join(folder, 'broken.jsonl');
    writeFileSync(broken, '{"epoch":0,"trainLoss":2}\n{"epoch":1,"trainLoss":\n');
    const brokenResult = await runCli(['plot', broken]);
    expect(brokenResult.code).toBe(1);
    expect(brokenResult.stderr).toBe(
      `wrn plot: ${broken} line 2 is not JSON: each line must be one epoch's JSON object (NaN is not JSON)\n`,
    );
    expect(existsSync(join(folder, 'curves.svg'))).toBe(false);
  });

  it('asks for --out with several runs and for names when two runs share one', async () => {
    const noOut = await runCli(['plot', run, torch]);
    expect([noOut.code, noOut.stderr]).toEqual([
      2,
      'wrn plot: --out is required with several runs, e.g. --out compare.svg\n',
    ]);
    const same = await runCli(['plot', run, join(run, 'metrics.jsonl'), '--out', join(folder, 'y.svg')]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/two runs are named 'wrn-10-1': name each with NAME=RUN/);
  });
});
