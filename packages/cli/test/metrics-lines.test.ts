// What `wrn plot` accepts from a metrics.jsonl, whoever wrote it, and the one-line errors that name the line.
import { describe, expect, it } from 'vitest';
import { parseMetricsLines } from '../src/curves/metrics-lines.js';

const parse = (text: string) => parseMetricsLines(text, 'runs/a/metrics.jsonl');

describe('parseMetricsLines', () => {
  it('reads epoch, trainLoss and, where present, testTop1Error and learningRate; ignores other fields', () => {
    const text = [
      '{"epoch":0,"learningRate":0.1,"trainLoss":2.25,"trainError":0.8,"imagesPerSecond":12,"wallSeconds":9}',
      '',
      '{"epoch":1,"trainLoss":1.5,"testLoss":1.6,"testTop1Error":0.55,"testTop5Error":0.1,"learningRate":null}\r',
    ].join('\n');
    expect(parse(text)).toEqual([
      { epoch: 0, trainLoss: 2.25, testTop1Error: undefined, learningRate: 0.1 },
      { epoch: 1, trainLoss: 1.5, testTop1Error: 0.55, learningRate: undefined },
    ]);
  });

  it('names the file and the line (blank lines counted) of a line it cannot use', () => {
    const line3 = (third: string) => parse(`{"epoch":0,"trainLoss":1}\n\n${third}\n`);
    expect(() => line3('{"epoch":1,"trainLoss":NaN}')).toThrow(
      "runs/a/metrics.jsonl line 3 is not JSON: each line must be one epoch's JSON object (NaN is not JSON)",
    );
    expect(() => line3('[1, 2]')).toThrow('runs/a/metrics.jsonl line 3 is not a JSON object');
    expect(() => line3('{"epoch":1}')).toThrow(
      'runs/a/metrics.jsonl line 3: trainLoss must be a finite number, got nothing',
    );
    expect(() => line3('{"epoch":1,"trainLoss":"1.2"}')).toThrow(
      'trainLoss must be a finite number, got "1.2"',
    );
    expect(() => line3('{"epoch":1.5,"trainLoss":1}')).toThrow('line 3: epoch must be an integer >= 0');
    expect(() => line3('{"epoch":0,"trainLoss":1}')).toThrow(
      'line 3: epoch 0 comes after epoch 0; write one line per epoch, in order',
    );
    expect(() => line3('{"epoch":1,"trainLoss":1,"testTop1Error":46.8}')).toThrow(
      'line 3: testTop1Error must be a fraction in [0, 1] (not a percentage), got 46.8',
    );
    expect(() => line3('{"epoch":1,"trainLoss":1,"learningRate":"0.1"}')).toThrow(
      'learningRate must be a finite',
    );
  });

  it('refuses a file with no epoch', () => {
    for (const text of ['', '\n \n'])
      expect(() => parse(text)).toThrow(
        'runs/a/metrics.jsonl is empty: it holds no epoch yet; plot the run once its first epoch has finished',
      );
  });
});
