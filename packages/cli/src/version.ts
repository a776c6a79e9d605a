import { readFileSync } from 'node:fs';

/**
 * The version of `@wrn/cli`, read from its package.json at run time: the file sits one folder above both `src/`
 * and the published `dist/`, so `wrn --version` never disagrees with what npm installed.
 *
 * @example
 * cliVersion(); // '0.1.0'
 */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
