import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { RunFolderLockedError, type RunLockHolder } from './run-folder-locked-error.js';
import { runFolder } from './run-folder.js';

/**
 * Takes the run folder's lock (`run.lock`, created with O_EXCL and holding `{ pid, host, startedAt }`), so two runs
 * never write one folder. A lock left by a process of this host that is gone is taken over; a live holder, or any
 * holder on another host, makes it throw {@link RunFolderLockedError}. `release()` (idempotent) removes the lock; it is
 * also removed when the process exits (e.g. the second Ctrl-C's `process.exit(130)`).
 *
 * @example
 * const lock = lockRunFolder('runs/a');
 * try { await trainInto('runs/a') } finally { lock.release() }
 */
export function lockRunFolder(dir: string): { release: () => void } {
  const path = runFolder(dir).lock;
  mkdirSync(dir, { recursive: true });
  const holder: RunLockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  // Two attempts: the second follows the removal of a stale lock (a third would mean another process took it).
  for (let attempt = 0; ; attempt++) {
    try {
      const descriptor = openSync(path, 'wx');
      writeSync(descriptor, `${JSON.stringify(holder)}\n`);
      closeSync(descriptor);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(path);
      if (attempt > 0 || !current || !isStale(current)) throw new RunFolderLockedError(dir, path, current);
      removeIfHeldBy(path, current);
    }
  }
  const release = () => {
    process.off('exit', release);
    removeIfHeldBy(path, holder);
  };
  process.on('exit', release);
  return { release };
}

/**
 * Throws {@link RunFolderLockedError} when another run holds the folder (a stale lock does not count), so a command
 * can refuse before loading data; {@link lockRunFolder} still decides, atomically, when the run starts.
 *
 * @example
 * assertRunFolderFree('runs/a'); // throws while another process trains into runs/a
 */
export function assertRunFolderFree(dir: string): void {
  const path = runFolder(dir).lock;
  if (!existsSync(path)) return;
  const current = readHolder(path);
  if (!current || !isStale(current)) throw new RunFolderLockedError(dir, path, current);
}

function readHolder(path: string): RunLockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<RunLockHolder>;
    const valid = typeof parsed.pid === 'number' && typeof parsed.host === 'string';
    return valid ? { pid: parsed.pid!, host: parsed.host!, startedAt: String(parsed.startedAt) } : undefined;
  } catch {
    return undefined; // removed meanwhile, or not a lock this code wrote: reported as an unknown holder
  }
}

/** Stale: written on this host by a process that no longer exists. Another host's processes cannot be checked. */
function isStale(holder: RunLockHolder): boolean {
  if (holder.host !== hostname() || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: alive, another user's
  }
}

function removeIfHeldBy(path: string, holder: RunLockHolder): void {
  const current = readHolder(path);
  if (current?.pid !== holder.pid || current.host !== holder.host || current.startedAt !== holder.startedAt)
    return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
