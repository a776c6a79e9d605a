import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageAt, validateDataset, type Dataset } from '../src/dataset.js';

/** Every module reachable from `entry` by static imports, with the bare/built-in specifiers it imports. */
function importGraph(entry: string): { modules: Set<string>; external: Set<string> } {
  const modules = new Set<string>();
  const external = new Set<string>();
  const visit = (url: URL) => {
    if (modules.has(url.pathname)) return;
    modules.add(url.pathname);
    const source = readFileSync(url, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
      if (specifier!.startsWith('.')) visit(new URL(specifier!.replace(/\.js$/, '.ts'), url));
      else external.add(specifier!);
    }
  };
  visit(new URL(`../src/${entry}`, import.meta.url));
  return { modules, external };
}

describe('entry points', () => {
  it('the main entry is browser-safe: no Node built-ins, no Node-only libraries', () => {
    const { external } = importGraph('index.ts');
    expect([...external].sort()).toEqual(['@wrn/spec']);
  });

  it('the node entry adds the readers, download and workers', async () => {
    expect(importGraph('node.ts').external).toContain('node:worker_threads');
    const node = await import('../src/node.js');
    for (const name of [
      'readCifar10',
      'readCifar100',
      'readImageFolder',
      'download',
      'writeSyntheticCifar',
      'createBatchWorkerPool',
      'makeBatch',
    ]) {
      expect(typeof (node as Record<string, unknown>)[name]).toBe('function');
    }
  });
});

describe('validateDataset and imageAt', () => {
  const dataset: Dataset = {
    images: Uint8Array.from({ length: 2 * 12 }, (_, i) => i),
    labels: Int32Array.of(0, 1),
    count: 2,
    channels: 3,
    height: 2,
    width: 2,
    classNames: ['a', 'b'],
  };

  it('accepts a consistent dataset and returns image views', () => {
    expect(validateDataset(dataset)).toBe(dataset);
    expect([...imageAt(dataset, 1)]).toEqual(Array.from({ length: 12 }, (_, i) => 12 + i));
    expect(() => imageAt(dataset, 2)).toThrow(/image index must be an integer in \[0, 2\), got 2/);
  });

  it('names the inconsistency', () => {
    expect(() => validateDataset({ ...dataset, count: 3 })).toThrow(
      /24 bytes but count x channels x height x width = 36/,
    );
    expect(() => validateDataset({ ...dataset, labels: Int32Array.of(0, 2) })).toThrow(
      /labels\[1\] is 2, outside \[0, 2\)/,
    );
    expect(() => validateDataset({ ...dataset, width: 0 })).toThrow(
      /dataset.width must be a positive integer, got 0/,
    );
    expect(() => validateDataset({ ...dataset, labels: Int32Array.of(0) })).toThrow(
      /labels has 1 entries but dataset.count is 2/,
    );
    expect(() => validateDataset({ ...dataset, classNames: [] })).toThrow(/classNames is empty/);
  });
});
