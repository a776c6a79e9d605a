import { describe, expect, it } from 'vitest';
import { formatSummary, parseModelName, summarize } from '../src/index.js';

describe('summary', () => {
  const summary = summarize(parseModelName('WRN-10-1'));

  it('has one row per layer whose parameters add up to the totals', () => {
    const sum = summary.rows.reduce((total, row) => total + row.parameters, 0);
    expect(sum).toBe(summary.trainableParams + summary.nonTrainableParams);
    expect(summary.rows.find((row) => row.name === 'head.fc')).toMatchObject({
      outputShape: [10],
      parameters: 650,
      macs: 640,
    });
  });

  it('prints a table with totals', () => {
    const text = formatSummary(summary);
    expect(text.split('\n')[0]).toBe('WRN-10-1 (paper, 10 classes)');
    expect(text).toContain('Trainable params:     77,850');
    expect(text).toMatch(/stem\.conv\s+conv2d\s+\[16, 32, 32\]\s+432/);
  });
});
