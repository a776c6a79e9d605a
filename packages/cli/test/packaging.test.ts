// Users install from npm, not from this repository: pack every public package, install the tarballs into a fresh
// project (no workspace links), import each public entry point and run the installed `wrn` binary.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './run-cli.js';

const packagesDirectory = fileURLToPath(new URL('../..', import.meta.url));
const publicPackages = readdirSync(packagesDirectory)
  .map((name) => join(packagesDirectory, name))
  .filter((folder) => existsSync(join(folder, 'package.json')))
  .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

describe('packaging', () => {
  it('lists files, exports (types first), engines and a README for every public package', () => {
    expect(publicPackages.length).toBeGreaterThanOrEqual(10);
    for (const { folder, manifest } of publicPackages) {
      expect(manifest.files, manifest.name).toContain('dist');
      expect(manifest.engines?.node, manifest.name).toBeDefined();
      expect(manifest.type, manifest.name).toBe('module');
      expect(existsSync(join(folder, 'README.md')), `${manifest.name} README`).toBe(true);
      for (const [subpath, target] of Object.entries<Record<string, string> | string>(manifest.exports)) {
        if (typeof target === 'string') continue;
        expect(Object.keys(target)[0], `${manifest.name} ${subpath}`).toBe('types');
      }
    }
  });

  it('ships every bin as a committed file, so npm links it into node_modules/.bin before any build', () => {
    // npm skips a bin whose file is missing at install time, and `npm ci` in a clone runs before the build.
    const bins = publicPackages.flatMap(({ folder, manifest }) =>
      Object.values<string>(manifest.bin ?? {}).map((target) => ({ folder, target })),
    );
    expect(bins.length).toBeGreaterThan(0);
    for (const { folder, target } of bins) {
      const tracked = execFileSync('git', ['ls-files', target], { cwd: folder, encoding: 'utf8' }).trim();
      expect(tracked, `${target} is committed`).not.toBe('');
      expect(readFileSync(join(folder, target), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    }
  });

  it('the wrn bin says to build first when dist is missing', () => {
    const clone = join(temporaryDirectory(), 'cli');
    mkdirSync(join(clone, 'bin'), { recursive: true });
    copyFileSync(fileURLToPath(new URL('../bin/wrn.js', import.meta.url)), join(clone, 'bin', 'wrn.js'));
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [join(clone, 'bin', 'wrn.js'), '--help'], { stdio: 'pipe' });
    } catch (error) {
      failure = {
        status: (error as { status: number }).status,
        stderr: String((error as { stderr: Buffer }).stderr),
      };
    }
    expect(failure).toEqual({
      status: 1,
      stderr: 'wrn: @wrn/cli is not built yet; run `npm run build` in the repository root\n',
    });
  });

  it('installs the packed tarballs into a fresh project, imports every entry point and runs wrn', () => {
    const project = temporaryDirectory();
    const tarballs = publicPackages.map(({ folder }) => {
      const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], {
        cwd: folder,
        encoding: 'utf8',
      });
      return join(project, output.trim().split('\n').at(-1)!);
    });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'fresh', version: '1.0.0', type: 'module', private: true }),
    );
    writeFileSync(join(project, '.npmrc'), 'onnxruntime-node-install=skip\n');
    execFileSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs],
      { cwd: project, stdio: 'pipe' },
    );
    expect(existsSync(join(project, 'node_modules', '@wrn', 'spec', 'src'))).toBe(false); // only dist ships

    const entryPoints = publicPackages.flatMap(({ manifest }) =>
      Object.keys(manifest.exports)
        .filter((subpath) => subpath !== './package.json' && !subpath.includes('vitest'))
        .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`)),
    );
    // @wrn/core is the contract: types only, nothing at run time.
    const script = `for (const name of ${JSON.stringify(entryPoints)}) { const m = await import(name); if (Object.keys(m).length === 0 && name !== '@wrn/core') throw new Error(name + ' exports nothing'); } console.log('ok');`;
    expect(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: project,
        encoding: 'utf8',
      }).trim(),
    ).toBe('ok');

    const summary = JSON.parse(
      execFileSync(join(project, 'node_modules', '.bin', 'wrn'), ['summary', 'WRN-28-10', '--json'], {
        cwd: project,
        encoding: 'utf8',
      }),
    );
    expect(summary.trainableParams).toBe(36_479_194);
  }, 600_000);
});
