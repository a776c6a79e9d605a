import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = join(import.meta.dirname, '..', 'src');

/** Every module the main entry reaches through value or type imports, with what each imports from outside. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(join(SOURCE, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
    seen.set(
      file,
      specifiers.filter((specifier) => !specifier.startsWith('.')),
    );
    for (const local of specifiers.filter((specifier) => specifier.startsWith('.')))
      visit(normalize(join(dirname(file), local.replace(/\.js$/, '.ts'))));
  };
  visit(entry);
  return seen;
}

describe('the main entry is browser-safe', () => {
  it('reaches no node: module and not onnxruntime-node (those live in @wrn/runtime-onnx/node)', () => {
    const modules = reachable('index.ts');
    expect(modules.size).toBeGreaterThan(8);
    const external = new Set([...modules.values()].flat());
    // @wrn/core is browser-safe too: the shared input checks, no node: module.
    expect([...external].sort()).toEqual(['@wrn/core', '@wrn/spec', 'protobufjs/light.js']);
  });
});
