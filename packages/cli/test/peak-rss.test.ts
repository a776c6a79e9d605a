import { describe, expect, it } from 'vitest';
import { peakRssMegabytes } from '../src/peak-rss.js';

describe('peakRssMegabytes', () => {
  it('is the peak resident set size in MiB: at least the current one, and it never falls', () => {
    const peak = peakRssMegabytes();
    const current = process.memoryUsage().rss / 2 ** 20;
    expect(peak).toBeGreaterThanOrEqual(current - 1); // the two readings are a moment apart
    expect(Math.abs(peak - process.resourceUsage().maxRSS / 1024)).toBeLessThan(1); // KiB -> MiB, not bytes
    const touched = Buffer.alloc(64 * 2 ** 20, 1); // allocated and written: resident
    expect(peakRssMegabytes()).toBeGreaterThanOrEqual(peak);
    expect(peakRssMegabytes()).toBeGreaterThanOrEqual(process.memoryUsage().rss / 2 ** 20 - 1);
    expect(touched[touched.length - 1]).toBe(1);
  });
});
