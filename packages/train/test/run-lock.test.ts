import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunExistsError, RunLockedError, train } from '../src/index.js';
import { assertRunFolderFree, lockRunFolder, RunFolderLockedError } from '../src/node.js';
import { options, temporaryDirectory, tinyRecipe } from './helpers.js';

const holder = fileURLToPath(new URL('./fixtures/hold-lock.mjs', import.meta.url));
const lockOf = (dir: string) => join(dir, 'run.lock');

/** Starts a child holding the lock of `dir`; resolves once it holds it. */
function holdLock(dir: string): Promise<{ pid: number; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [holder, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((done) => child.on('close', done));
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked'))
        resolve({ pid: child.pid!, stop: () => (child.kill('SIGINT'), exited) });
    });
  });
}

function writeLock(dir: string, content: object): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(lockOf(dir), JSON.stringify(content));
}

describe('run folder lock', () => {
  it('refuses a second run and a resume while another process holds the folder, naming it', async () => {
    const dir = temporaryDirectory();
    await train(options(dir, tinyRecipe({ epochs: 1 })));
    expect(existsSync(lockOf(dir))).toBe(false); // released on normal exit
    const other = await holdLock(dir);
    try {
      const resume = train({ ...options(dir, tinyRecipe({ epochs: 2 })), resume: true });
      await expect(resume).rejects.toThrow(RunFolderLockedError);
      await expect(resume).rejects.toThrow(RunLockedError);
      await expect(resume).rejects.toThrow(`in use by process ${other.pid} on this host`);
      const fresh = temporaryDirectory();
      const second = lockRunFolder(fresh);
      await expect(train(options(fresh, tinyRecipe()))).rejects.toThrow(`process ${process.pid}`);
      second.release();
      expect(existsSync(lockOf(fresh))).toBe(false);
    } finally {
      expect(await other.stop()).toBe(130);
    }
    expect(existsSync(lockOf(dir))).toBe(false); // released by process.exit(130)
  });

  it('takes over a stale lock of a process of this host that is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const dir = temporaryDirectory();
    writeLock(dir, { pid: dead, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z' });
    const result = await train(options(dir, tinyRecipe({ epochs: 1 })));
    expect(result.status).toBe('completed');
    expect(existsSync(lockOf(dir))).toBe(false);
  });

  it("never takes over another host's lock, and says how to remove it", async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const dir = temporaryDirectory();
    writeLock(dir, { pid: dead, host: 'elsewhere.example', startedAt: '2020-01-01T00:00:00.000Z' });
    await expect(train(options(dir, tinyRecipe({ epochs: 1 })))).rejects.toThrow(
      `in use by process ${dead} on host elsewhere.example (since 2020-01-01T00:00:00.000Z); if that run has stopped, delete ${lockOf(dir)}`,
    );
    expect(existsSync(lockOf(dir))).toBe(true);
    expect(existsSync(join(dir, 'config.json'))).toBe(false); // nothing written
  });

  it('releases the lock when training fails', async () => {
    const dir = temporaryDirectory();
    await train(options(dir, tinyRecipe({ epochs: 1 })));
    await expect(train(options(dir, tinyRecipe({ epochs: 1 })))).rejects.toThrow(RunExistsError);
    expect(existsSync(lockOf(dir))).toBe(false);
  });
});

describe('assertRunFolderFree', () => {
  it('throws while a live process holds the folder, not for a stale lock or none', () => {
    const dir = temporaryDirectory();
    assertRunFolderFree(dir);
    writeLock(dir, { pid: process.pid, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z' });
    expect(() => assertRunFolderFree(dir)).toThrow(RunFolderLockedError);
    writeLock(dir, { pid: spawnSync(process.execPath, ['-e', '']).pid!, host: hostname(), startedAt: 'x' });
    assertRunFolderFree(dir);
  });
});
