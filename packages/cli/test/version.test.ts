import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

const packageFolder = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version: string };

describe('wrn --version', () => {
  it("prints @wrn/cli's package.json version from the built binary", async () => {
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag]);
      expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
    }
  });

  it('follows the package.json next to dist/, as installed from npm', async () => {
    // A copy of the built package whose package.json says another version; the workspace's node_modules resolve its imports.
    const copy = temporaryDirectory();
    cpSync(join(packageFolder, 'dist'), join(copy, 'dist'), { recursive: true });
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...manifest, version: '9.8.7-probe' }));
    symlinkSync(join(packageFolder, '..', '..', 'node_modules'), join(copy, 'node_modules'));
    const result = await runCli(['--version'], { bin: join(copy, 'dist', 'bin.js') });
    expect(result).toMatchObject({ code: 0, stdout: '9.8.7-probe\n', stderr: '' });
  });
});
