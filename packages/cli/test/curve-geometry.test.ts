// The arithmetic under the figure: round axes, scales and path data, checked against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { renderPanel } from '../src/curves/curve-panel.js';
import { linearScale } from '../src/curves/linear-scale.js';
import { niceAxis } from '../src/curves/nice-axis.js';
import { linePath, stepPath } from '../src/curves/series-path.js';

describe('niceAxis', () => {
  it('covers the values with round steps of 1, 2 or 5 times a power of ten', () => {
    // span 43.2 / 5 = 8.64 -> step 10; 46.8 rounds down to 40
    expect(niceAxis(46.8, 90)).toEqual({
      domain: [40, 90],
      ticks: [40, 50, 60, 70, 80, 90],
      labels: ['40', '50', '60', '70', '80', '90'],
    });
    // span 0.0992 / 5 = 0.01984 -> step 0.02; labels keep two decimals
    expect(niceAxis(0.0008, 0.1).labels).toEqual(['0.00', '0.02', '0.04', '0.06', '0.08', '0.10']);
    // span 2 / 5 = 0.4 -> step 0.5
    expect(niceAxis(0.5, 2.5).ticks).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(niceAxis(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    // span 0.4 / 5 = 0.08 -> step 0.1, and the axis starts at 0.3 although 0.3 / 0.1 is 2.9999999999999996
    expect(niceAxis(0.3, 0.7).ticks).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('keeps epoch steps whole and widens an empty span around its value', () => {
    expect(niceAxis(0, 4, { integer: true }).ticks).toEqual([0, 1, 2, 3, 4]);
    expect(niceAxis(0, 12, { integer: true, tickCount: 10 }).domain).toEqual([0, 12]);
    // a constant learning rate of 0.1: the span becomes [0.05, 0.15], step 0.02
    expect(niceAxis(0.1, 0.1).domain).toEqual([0.04, 0.16]);
  });
});

describe('scales and paths', () => {
  const x = linearScale([0, 4], [50, 250]); // 50 pixels per epoch
  const y = linearScale([0, 10], [120, 20]); // 10 pixels per unit, upwards

  it('maps a domain linearly onto a range, upwards for y', () => {
    expect([x(0), x(1), x(4)]).toEqual([50, 100, 250]);
    expect([y(0), y(5), y(10)]).toEqual([120, 70, 20]);
  });

  it('draws a line through the points and steps that hold each value over its epoch', () => {
    const points = [
      [1, 10],
      [2, 5],
      [4, 0],
    ] as const;
    expect(linePath(points, x, y)).toBe('M100,20L150,70L250,120');
    // epoch 3 is missing: the steps break there and start again at x(3) = 200
    expect(stepPath(points, x, y)).toBe('M50,20H100V70H150M200,120H250');
    // an unchanged value continues the step without a vertical
    expect(
      stepPath(
        [
          [1, 5],
          [2, 5],
        ],
        x,
        y,
      ),
    ).toBe('M50,70H100H150');
    expect(
      linePath(
        [[1 / 3, 1 / 3]],
        (value) => value,
        (value) => value,
      ),
    ).toBe('M0.33,0.33');
  });

  it('renders a panel whose curve, ticks and labels sit where the arithmetic puts them', () => {
    const panel = renderPanel(
      'loss',
      { left: 50, top: 20, width: 200, height: 100 },
      niceAxis(0, 4, { integer: true }),
      [
        {
          colour: '#0072B2',
          points: [
            [1, 10],
            [2, 5],
            [4, 0],
          ],
        },
        { colour: '#D55E00', points: [] },
      ],
    );
    expect(panel).toContain('<path d="M100,20L150,70L250,120" fill="none" stroke="#0072B2"');
    expect(panel).not.toContain('#D55E00');
    // y ticks 0, 2, ..., 10 (span 10 / 5 = 2): the tick 2 lies at 120 - 2 * 10 = 100, its label 4 pixels lower
    expect(panel).toContain('<line x1="50" x2="250" y1="100" y2="100"');
    expect(panel).toContain('<text x="44" y="104" text-anchor="end">2</text>');
    // x tick 3 at 50 + 3 * 50 = 200, its label 18 pixels under the frame's bottom (120)
    expect(panel).toContain('<text x="200" y="138" text-anchor="middle">3</text>');
    expect(panel.match(/<circle /g)).toHaveLength(3);
    // 200 epochs over 200 pixels: dots 1 pixel apart would merge, so the line is drawn alone
    const dense = Array.from({ length: 200 }, (_, index) => [index + 1, index] as const);
    const area = { left: 0, top: 0, width: 200, height: 100 };
    const crowded = renderPanel('dense', area, niceAxis(0, 200, { integer: true }), [
      { colour: '#000', points: dense },
    ]);
    // y axis [0, 200] (span 199 / 5 -> step 50) over 100 pixels: y(0) = 100, y(1) = 99.5
    expect(crowded).toContain('<path d="M1,100L2,99.5L3,99L');
    expect(crowded).not.toContain('<circle ');
    expect(() => renderPanel('empty', { left: 0, top: 0, width: 1, height: 1 }, niceAxis(0, 1), [])).toThrow(
      "the panel 'empty' has no point to draw",
    );
  });
});
