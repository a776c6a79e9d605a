#!/usr/bin/env node
// Type-checks every ```ts block of the READMEs (root, packages/*, examples/*) against the built packages, so the
// examples cannot drift from the code. Each block is its own ES module (top-level await allowed), compiled with the
// repository's strict options; `<!-- readme-check: CODE -->` before a block prepends CODE (the declarations of names
// the block uses without declaring them), `<!-- readme-check: skip (REASON) -->` skips it. Errors print README:line.
// Usage: node scripts/check-readme-code.mjs [--no-build]   (--no-build: the packages' dist/ is already current)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { readmeBlocks } from './readme-code-blocks.mjs';

const root = new URL('..', import.meta.url).pathname;
// Git-ignored and inside the repository, so `@wrn/*` imports resolve through the workspace's node_modules.
const folder = join(root, '.readme-check');
const started = performance.now();

const blocks = readmeBlocks(root);
const checked = blocks.filter((block) => block.skip === undefined);
for (const block of blocks.filter((candidate) => candidate.skip !== undefined))
  console.log(`readme-check: skipped ${block.readme}:${block.line} (${block.skip})`);

const packages = [
  ...new Set(
    checked.flatMap((block) =>
      [...`${block.prelude}\n${block.code}`.matchAll(/['"](@wrn\/[\w-]+)/g)].map((match) => match[1]),
    ),
  ),
].sort();
if (!process.argv.includes('--no-build') && packages.length > 0) {
  // The blocks compile against each package's dist/*.d.ts; turbo rebuilds only what changed since its cache.
  const build = spawnSync(
    'npx',
    ['turbo', 'run', 'build', '--output-logs=errors-only', ...packages.map((name) => `--filter=${name}`)],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
    },
  );
  if (build.status !== 0) {
    console.error(
      `readme-check: building ${packages.join(', ')} failed; run 'npx turbo run build' to see why`,
    );
    process.exit(1);
  }
}

rmSync(folder, { recursive: true, force: true });
mkdirSync(folder);
const files = new Map();
for (const block of checked) {
  const name = `${block.readme.replace(/\/?README\.md$/, '').replaceAll('/', '-') || 'root'}-${block.line}.ts`;
  const preludeLines = block.prelude === '' ? 0 : block.prelude.split('\n').length;
  const text = `${block.prelude === '' ? '' : `${block.prelude}\n`}${block.code}\nexport {};\n`;
  writeFileSync(join(folder, name), text);
  files.set(join(folder, name), { block, preludeLines });
}

const { config } = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(
  // The blocks are examples, not a project: no output, no project-reference bookkeeping.
  {
    ...config.compilerOptions,
    composite: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    noEmit: true,
    emitDeclarationOnly: false,
  },
  folder,
);
const program = ts.createProgram([...files.keys()], options);
const diagnostics = ts.getPreEmitDiagnostics(program);

for (const diagnostic of diagnostics) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  const entry = diagnostic.file && files.get(diagnostic.file.fileName);
  if (!entry) {
    console.error(`${diagnostic.file ? relative(root, diagnostic.file.fileName) : 'tsc'}: ${message}`);
    continue;
  }
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const readmeLine =
    line < entry.preludeLines ? entry.block.commentLine : entry.block.line + line - entry.preludeLines;
  console.error(`${entry.block.readme}:${readmeLine}: ${message}`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (diagnostics.length > 0) {
  console.error(
    `readme-check: ${diagnostics.length} type errors in the README TypeScript blocks (${seconds} s)`,
  );
  process.exit(1);
}
console.log(`readme-check: ${checked.length} README TypeScript blocks type-check (${seconds} s)`);
