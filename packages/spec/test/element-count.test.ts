import { describe, expect, it } from 'vitest';
import { elementCount } from '../src/index.js';

describe('elementCount', () => {
  it('multiplies the dimensions; a scalar has one element, an empty axis none', () => {
    expect(elementCount([16, 3, 3, 3])).toBe(432);
    expect(elementCount([])).toBe(1);
    expect(elementCount([4, 0])).toBe(0);
  });
});
