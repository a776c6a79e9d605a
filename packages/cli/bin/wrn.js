#!/usr/bin/env node
// The `wrn` command. A committed file, not a build output, so npm links it into node_modules/.bin when it installs
// (in a fresh clone `npm ci` runs before the build, and npm skips a bin whose file does not exist yet).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write('wrn: @wrn/cli is not built yet; run `npm run build` in the repository root\n');
  process.exitCode = 1;
}
