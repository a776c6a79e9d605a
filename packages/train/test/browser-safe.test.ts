import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', 'dist');
/** esbuild writes `node:fs` as `fs`: both spellings are Node modules. */
const isNodeModule = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);

/** The import specifiers of a built file and of every chunk of dist/ it reaches, by file. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map(
      (match) => match[1]!,
    );
    seen.set(file, specifiers);
    for (const local of specifiers.filter((specifier) => specifier.startsWith('.')))
      visit(resolve(dirname(file), local));
  };
  const file = join(DIST, entry);
  if (!existsSync(file))
    throw new Error(`${file} does not exist; build it first (npx tsup in packages/train)`);
  visit(file);
  return seen;
}

describe('the built main entry is browser-safe', () => {
  it('reaches no node: module and only the browser-safe entries of other packages', () => {
    const modules = reachable('index.js');
    const external = new Set([...modules.values()].flat().filter((specifier) => !specifier.startsWith('.')));
    expect([...external].filter(isNodeModule)).toEqual([]);
    expect([...external].sort()).toEqual(['@wrn/checkpoint', '@wrn/data', '@wrn/spec']);
  });

  it('tells Node modules apart: the node entry imports them', () => {
    const external = [...reachable('node.js').values()].flat();
    expect(external.filter(isNodeModule)).toEqual(expect.arrayContaining(['fs', 'os']));
  });
});
