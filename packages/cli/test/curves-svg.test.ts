// The figure `wrn plot` writes: one colour and one legend entry per run, shared x axis, panels placed by hand arithmetic.
import { describe, expect, it } from 'vitest';
import { curvesHtml } from '../src/curves/curves-html.js';
import { renderCurvesSvg, type PlotRun } from '../src/curves/curves-svg.js';
import { RUN_COLOURS } from '../src/curves/run-colours.js';

const alpha: PlotRun = {
  label: 'alpha',
  points: [
    { epoch: 0, trainLoss: 2, learningRate: 0.1 },
    { epoch: 1, trainLoss: 1.5, testTop1Error: 0.5, learningRate: 0.1 },
    { epoch: 2, trainLoss: 1, learningRate: 0.02 },
    { epoch: 3, trainLoss: 0.5, testTop1Error: 0.25, learningRate: 0.02 },
  ],
};
// shorter, never evaluated (as a script that skips evaluation writes it)
const beta: PlotRun = {
  label: 'beta',
  points: [
    { epoch: 0, trainLoss: 2.5, learningRate: 0.1 },
    { epoch: 1, trainLoss: 1, learningRate: 0.1 },
  ],
};

/** The `d` of every path drawn in `colour`. */
const pathsOf = (svg: string, colour: string) =>
  [...svg.matchAll(new RegExp(`<path d="([^"]+)" fill="none" stroke="${colour}"`, 'g'))].map(
    (match) => match[1],
  );

describe('renderCurvesSvg', () => {
  const svg = renderCurvesSvg([alpha, beta], 'alpha vs beta');

  it('draws each run in its own colour, with a legend naming both', () => {
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="720" height="\d+"[\s\S]*<\/svg>$/,
    );
    // alpha: loss, held-out error, learning rate; beta: loss and learning rate only
    expect(pathsOf(svg, RUN_COLOURS[0])).toHaveLength(3);
    expect(pathsOf(svg, RUN_COLOURS[1])).toHaveLength(2);
    expect(svg).toContain('<text x="104" y="58">alpha</text>');
    expect(svg).toContain('<text x="104" y="78">beta (no held-out error)</text>');
    expect(svg).toContain('<line x1="72" x2="96" y1="74" y2="74" stroke="#D55E00"');
    for (const heading of ['training loss', 'held-out top-1 error (%)', 'learning rate'])
      expect(svg).toContain(`font-weight="bold">${heading}</text>`);
    expect(svg).toContain('<title>alpha vs beta</title>');
  });

  it('puts the points where hand arithmetic says, on one x axis spanning the longer run', () => {
    // x: epochs completed 0..4 over 624 pixels from 72, so 156 per epoch (x(1) = 228). The loss panel starts under
    // the title (44) and two legend rows (40) and its heading (32): y from 116 down to 276. Losses 0.5..2.5 make the
    // axis [0.5, 2.5] (step 0.5), 80 pixels per unit: y(2) = 276 - 80 * 1.5 = 156.
    const [alphaLoss] = pathsOf(svg, RUN_COLOURS[0]);
    const [betaLoss] = pathsOf(svg, RUN_COLOURS[1]);
    expect(alphaLoss).toBe('M228,156L384,196L540,236L696,276');
    expect(betaLoss).toBe('M228,116L384,236');
    // held-out error 50% and 25% (axis [25, 50], step 5) in the second panel: top 116 + 160 + 48 + 32 = 356
    expect(pathsOf(svg, RUN_COLOURS[0])[1]).toBe('M384,356L696,516');
    // the learning rate as steps over each epoch, axis [0.02, 0.1] (step 0.02) in the third panel (596..756)
    expect(pathsOf(svg, RUN_COLOURS[0])[2]).toBe('M72,596H228H384V756H540H696');
    expect(svg).toContain('<text x="696" y="294" text-anchor="middle">4</text>');
  });

  it('leaves out a panel no run has values for, and escapes names', () => {
    const bare = renderCurvesSvg([{ label: 'a<b & "c"', points: [{ epoch: 0, trainLoss: 1 }] }], 'a<b');
    expect(bare).not.toContain('held-out');
    expect(bare).not.toContain('learning rate');
    expect(bare).toContain('>a&lt;b &amp; &quot;c&quot;</text>');
    // one point: no line to draw, but its dot marks it
    expect(bare.match(/<circle /g)).toHaveLength(2);
  });

  it('refuses no runs and more runs than colours', () => {
    expect(() => renderCurvesSvg([], 'none')).toThrow('a figure draws 1 to 8 runs, got 0');
    const many = RUN_COLOURS.map((_, index) => ({ ...beta, label: `run ${index}` }));
    expect(() => renderCurvesSvg([...many, beta], 'many')).toThrow('got 9');
    expect(new Set(RUN_COLOURS).size).toBe(RUN_COLOURS.length);
  });

  it('wraps the SVG in a page for .html output', () => {
    const html = curvesHtml(svg, 'alpha & beta');
    expect(html).toMatch(/^<!doctype html>\n/);
    expect(html).toContain('<title>alpha &amp; beta</title>');
    expect(html).toContain(svg);
  });
});
