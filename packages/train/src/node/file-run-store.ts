import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@wrn/checkpoint/node';
import type { RunStore } from '../run-store.js';
import { runFolder } from './run-folder.js';
import { lockRunFolder } from './run-lock.js';

const encoder = new TextEncoder();

/**
 * A {@link RunStore} in a run folder: `config.json`, `metrics.jsonl` (one JSON object per epoch), `last.safetensors`
 * and `best.safetensors`, each replaced atomically (`writeFileAtomic`: fsync of the file and the folder). `lock()`
 * takes `run.lock` (see {@link lockRunFolder}); the folder is created on the first write or lock.
 *
 * @example
 * await train({ runtime, spec, recipe, train: data, store: fileRunStore('runs/wrn-16-4') });
 */
export function fileRunStore(dir: string): RunStore {
  const folder = runFolder(dir);
  const write = async (path: string, bytes: Uint8Array) => {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path, bytes);
  };
  return {
    name: `run folder ${dir}`,
    exists: async () => existsSync(folder.last) || existsSync(folder.config),
    lock: async () => lockRunFolder(dir),
    readConfig: async () => {
      if (!existsSync(folder.config))
        throw new Error(`${folder.config} does not exist: is ${dir} a run folder?`);
      return JSON.parse(await readFile(folder.config, 'utf8')) as Record<string, unknown>;
    },
    writeConfig: (config) => write(folder.config, encoder.encode(`${JSON.stringify(config, null, 2)}\n`)),
    writeMetrics: (metrics) => {
      const text = metrics.map((line) => JSON.stringify(line)).join('\n');
      return write(folder.metrics, encoder.encode(text ? `${text}\n` : ''));
    },
    writeCheckpoint: (slot, bytes) => write(folder[slot], bytes),
    readCheckpoint: async (slot) => {
      const bytes = await readFile(folder[slot]);
      // A plain view, not the Buffer: Buffer's slice() shares memory where Uint8Array's copies, and decoders rely on that.
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    locate: (slot) => folder[slot],
  };
}
