import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where downloaded datasets live: `$WRN_DATA_DIR` when set, else `~/.cache/wrn` (the XDG cache convention).
 *
 * @example
 * defaultDataDirectory(); // '/home/me/.cache/wrn'
 */
export function defaultDataDirectory(environment: Record<string, string | undefined> = process.env): string {
  const configured = environment.WRN_DATA_DIR;
  return configured && configured.length > 0 ? configured : join(homedir(), '.cache', 'wrn');
}
