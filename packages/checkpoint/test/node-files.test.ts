import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWeights, wrn } from '@wrn/spec';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CheckpointError,
  decodeSafetensors,
  encodeSafetensors,
  SafetensorsError,
  type SafetensorsTensor,
} from '../src/index.js';
import {
  loadCheckpoint,
  readSafetensorsFile,
  saveCheckpoint,
  writeFileAtomic,
  writeFileAtomicSync,
  writeSafetensorsFile,
} from '../src/node.js';
import { craftFile } from './craft.js';

const root = mkdtempSync(join(tmpdir(), 'wrn-checkpoint-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDirectory = () => {
  const directory = join(root, `case-${counter++}`);
  mkdirSync(directory);
  return directory;
};
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('writeFileAtomic', () => {
  it('writes and replaces a file, leaving no temporary file behind', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'model.safetensors');
    await writeFileAtomic(target, bytesOf('first'));
    await writeFileAtomic(target, bytesOf('second, longer'));
    expect(readFileSync(target, 'utf8')).toBe('second, longer');
    expect(readdirSync(directory)).toEqual(['model.safetensors']);
  });

  it('fails in a missing directory without creating anything', async () => {
    const directory = freshDirectory();
    await expect(
      writeFileAtomic(join(directory, 'missing', 'model.safetensors'), bytesOf('x')),
    ).rejects.toThrow(/ENOENT/);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('removes its temporary file and leaves the target untouched when the final rename fails', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'model.safetensors');
    // A non-empty directory at the target path: the temp file is written and synced, then rename fails.
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'old');
    await expect(writeFileAtomic(target, bytesOf('new'))).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(directory)).toEqual(['model.safetensors']);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('old');
  });

  it.skipIf(process.getuid?.() === 0)('leaves the target untouched in a read-only directory', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'model.safetensors');
    writeFileSync(target, 'old');
    chmodSync(directory, 0o555);
    try {
      await expect(writeFileAtomic(target, bytesOf('new'))).rejects.toThrow(/EACCES|EPERM/);
      expect(readFileSync(target, 'utf8')).toBe('old');
      expect(readdirSync(directory)).toEqual(['model.safetensors']);
    } finally {
      chmodSync(directory, 0o755);
    }
  });

  it('rejects bad arguments before touching the disk', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'model.safetensors');
    writeFileSync(target, 'old');
    await expect(writeFileAtomic(target, 'new' as unknown as Uint8Array)).rejects.toThrow(TypeError);
    await expect(writeFileAtomic('', bytesOf('x'))).rejects.toThrow(/needs a file path/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(directory)).toEqual(['model.safetensors']);
  });

  it('lets concurrent writers race without ever mixing their bytes', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'model.safetensors');
    const contents = Array.from({ length: 8 }, (_, i) => new Uint8Array(100_000).fill(i + 1));
    await Promise.all(contents.map((bytes) => writeFileAtomic(target, bytes)));
    const result = readFileSync(target);
    expect(result.length).toBe(100_000);
    expect(new Set(result).size).toBe(1);
    expect(readdirSync(directory)).toEqual(['model.safetensors']);
  });
});

describe('writeFileAtomicSync', () => {
  it('writes and replaces a file, leaving no temporary file behind', () => {
    const directory = freshDirectory();
    const target = join(directory, 'test_batch.bin');
    writeFileAtomicSync(target, bytesOf('first'));
    writeFileAtomicSync(target, bytesOf('second, longer'));
    expect(readFileSync(target, 'utf8')).toBe('second, longer');
    expect(readdirSync(directory)).toEqual(['test_batch.bin']);
  });

  it('removes its temporary file and leaves the target untouched when the final rename fails', () => {
    const directory = freshDirectory();
    const target = join(directory, 'test_batch.bin');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'old');
    expect(() => writeFileAtomicSync(target, bytesOf('new'))).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(directory)).toEqual(['test_batch.bin']);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('old');
  });

  it('rejects bad arguments before touching the disk, naming itself', () => {
    const directory = freshDirectory();
    expect(() => writeFileAtomicSync(join(directory, 'x'), 'new' as unknown as Uint8Array)).toThrow(
      'writeFileAtomicSync(path, bytes) needs a Uint8Array, got new',
    );
    expect(() => writeFileAtomicSync('', bytesOf('x'))).toThrow(/needs a file path/);
    expect(readdirSync(directory)).toEqual([]);
  });
});

describe('safetensors files', () => {
  const tensors = new Map<string, SafetensorsTensor>([
    ['w', { dtype: 'F32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }],
    ['steps', { dtype: 'I64', shape: [], data: new BigInt64Array([12n]) }],
  ]);

  it('write exactly the encoded bytes and read them back', async () => {
    const path = join(freshDirectory(), 'a.safetensors');
    await writeSafetensorsFile(path, tensors, { note: 'x' });
    expect(new Uint8Array(readFileSync(path))).toEqual(encodeSafetensors(tensors, { note: 'x' }));
    expect(await readSafetensorsFile(path)).toEqual({ tensors, metadata: { note: 'x' } });
  });

  it('read the Python-written fixture exactly as decodeSafetensors does', async () => {
    const path = new URL('fixtures/python-golden.safetensors', import.meta.url).pathname;
    expect(await readSafetensorsFile(path)).toEqual(decodeSafetensors(new Uint8Array(readFileSync(path))));
  });

  it('reject hostile and truncated files by their real size', async () => {
    const directory = freshDirectory();
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(5), /truncated: 5 bytes/],
      [craftFile('{}', 0, 2n ** 63n), /exceeds the 100000000-byte cap/],
      [craftFile('{}', 0, 99_000_000n), /header length 99000000 runs past the end of the file \(10 bytes\)/],
      [
        craftFile({ a: { dtype: 'F32', shape: [2 ** 40], data_offsets: [0, 2 ** 42] } }, 4),
        /end at byte 4398046511104 but the data section has only 4 bytes/,
      ],
      [craftFile({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 6), /2 trailing bytes/],
    ];
    for (const [index, [bytes, message]] of cases.entries()) {
      const path = join(directory, `bad-${index}.safetensors`);
      writeFileSync(path, bytes);
      await expect(readSafetensorsFile(path)).rejects.toThrow(SafetensorsError);
      await expect(readSafetensorsFile(path)).rejects.toThrow(message);
    }
  });
});

describe('checkpoint files', () => {
  const spec = wrn({ depth: 10, widenFactor: 1, numClasses: 4 });
  const weights = initWeights(spec, 3);

  it('save and load a checkpoint', async () => {
    const path = join(freshDirectory(), 'epoch-001.safetensors');
    await saveCheckpoint(path, { spec, weights, metadata: { epoch: '1' } });
    const back = await loadCheckpoint(path);
    expect(back.spec).toEqual(spec);
    expect(back.weights).toEqual(weights);
    expect(back.metadata).toEqual({ epoch: '1' });
    expect(back.optimizerState.size).toBe(0);
  });

  it('leave an existing checkpoint byte-identical when the new one is invalid', async () => {
    const directory = freshDirectory();
    const path = join(directory, 'latest.safetensors');
    await saveCheckpoint(path, { spec, weights });
    const before = readFileSync(path);
    const broken = new Map(weights);
    broken.delete('head.fc.weight');
    await expect(saveCheckpoint(path, { spec, weights: broken })).rejects.toThrow(CheckpointError);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(directory)).toEqual(['latest.safetensors']);
  });
});
