import { expandGraph, parseModelName, wrn } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { MEMORY_ARENA_LIMIT_BYTES, memoryArenaFor } from '../src/training/memory-arena.js';

describe('memoryArenaFor', () => {
  it('keeps the arena for small steps and drops it for large ones', () => {
    expect(memoryArenaFor(expandGraph(parseModelName('WRN-16-4')), 32)).toBe(true);
    expect(memoryArenaFor(expandGraph(parseModelName('WRN-28-10')), 128)).toBe(false);
  });

  it('counts 4 bytes per layer output element and example, up to the limit inclusive', () => {
    const graph = expandGraph(wrn({ depth: 10, widenFactor: 1, inputSize: 8 }));
    const perExample = graph.nodes.reduce(
      (sum, node) => sum + node.outputShape.reduce((a, b) => a * b, 1),
      0,
    );
    const largest = Math.floor(MEMORY_ARENA_LIMIT_BYTES / (4 * perExample));
    expect(memoryArenaFor(graph, largest)).toBe(true);
    expect(memoryArenaFor(graph, largest + 1)).toBe(false);
  });
});
