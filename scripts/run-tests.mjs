#!/usr/bin/env node
// Type-checks and runs every package's tests through turbo, then prints one closing line totalling them:
// "tests: N passed, N failed, N skipped". Exits non-zero when any test failed or none ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const folders = ['packages', 'examples'].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name)) : [],
);
for (const folder of folders) rmSync(join(folder, 'test-results'), { recursive: true, force: true });

const turbo = spawnSync(
  'npx',
  ['turbo', 'run', 'typecheck', 'test', '--concurrency=1', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const folder of folders) {
  const file = join(folder, 'test-results', 'vitest.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(turbo.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
