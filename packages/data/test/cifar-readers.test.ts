import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCifar10 } from '../src/reader-cifar10.js';
import { readCifar100 } from '../src/reader-cifar100.js';

let folder: string;
beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'wrn-cifar-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A record by hand: label bytes, then R plane = r, G plane = g, B plane = b, with pixel (0, 1) of R set to 255. */
function record(labels: number[], r: number, g: number, b: number): number[] {
  const planes = [r, g, b].flatMap((value) => new Array<number>(1024).fill(value));
  planes[1] = 255; // R plane, row 0, column 1
  return [...labels, ...planes];
}

const names10 = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

function writeCifar10(directory: string, options: { batches?: number[]; test?: boolean } = {}) {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'batches.meta.txt'), `${names10.join('\n')}\n\n`);
  for (const k of options.batches ?? [1, 2, 3, 4, 5]) {
    writeFileSync(
      join(directory, `data_batch_${k}.bin`),
      Uint8Array.from([...record([k], k, 2 * k, 3 * k), ...record([9], 7, 8, 9)]),
    );
  }
  if (options.test !== false)
    writeFileSync(join(directory, 'test_batch.bin'), Uint8Array.from(record([4], 40, 41, 42)));
}

describe('readCifar10', () => {
  it('reads the official layout record by record (label byte, then R, G, B planes row-major)', async () => {
    writeCifar10(join(folder, 'cifar-10-batches-bin'));
    const train = await readCifar10(folder);
    expect(train.count).toBe(10);
    expect([...train.labels]).toEqual([1, 9, 2, 9, 3, 9, 4, 9, 5, 9]);
    expect(train.classNames).toEqual(names10);
    expect([train.channels, train.height, train.width]).toEqual([3, 32, 32]);
    // Image 2 is data_batch_2's first record: R = 2 (with pixel (0,1) = 255), G = 4, B = 6.
    const image = train.images.subarray(2 * 3072, 3 * 3072);
    expect([image[0], image[1], image[2], image[1024], image[2048], image[3071]]).toEqual([
      2, 255, 2, 4, 6, 6,
    ]);
    expect(train.sources!.map((path) => path.split('/').pop())).toEqual(
      [1, 2, 3, 4, 5].map((k) => `data_batch_${k}.bin`),
    );
    const test = await readCifar10(folder, { split: 'test' });
    expect([...test.labels]).toEqual([4]);
    expect([test.images[0], test.images[1024], test.images[2048]]).toEqual([40, 41, 42]);
  });

  it('accepts a folder that holds the files directly, and a prefix of the training batches', async () => {
    writeCifar10(folder, { batches: [1, 2] });
    const train = await readCifar10(folder);
    expect(train.count).toBe(4);
    const chosen = await readCifar10(folder, { files: ['data_batch_2.bin'] });
    expect([...chosen.labels]).toEqual([2, 9]);
  });

  it('names the missing file: no data, a gap in the batches, no test batch, no meta file', async () => {
    await expect(readCifar10(join(folder, 'nowhere'))).rejects.toThrow(/nowhere does not exist/);
    await expect(readCifar10(folder)).rejects.toThrow(
      /missing file .*batches\.meta\.txt.*download\('cifar10'/,
    );
    writeCifar10(folder, { batches: [1, 2, 4], test: false });
    await expect(readCifar10(folder)).rejects.toThrow(
      /missing file .*data_batch_3\.bin while later training batches exist/,
    );
    await expect(readCifar10(folder, { split: 'test' })).rejects.toThrow(/missing file .*test_batch\.bin/);
    rmSync(join(folder, 'data_batch_1.bin'));
    await expect(readCifar10(folder)).rejects.toThrow(/missing file .*data_batch_1\.bin/);
  });

  it('rejects a file whose size is not a multiple of the record, naming it, and loads nothing', async () => {
    writeCifar10(folder);
    writeFileSync(join(folder, 'data_batch_3.bin'), new Uint8Array(3073 * 2 - 1));
    await expect(readCifar10(folder)).rejects.toThrow(
      /data_batch_3\.bin: size 6145 bytes is not a positive multiple of the 3073-byte record/,
    );
    writeFileSync(join(folder, 'data_batch_3.bin'), new Uint8Array(0));
    await expect(readCifar10(folder)).rejects.toThrow(/data_batch_3\.bin: size 0 bytes/);
  });

  it('rejects a label outside the class names, naming the file and record', async () => {
    writeCifar10(folder);
    writeFileSync(
      join(folder, 'data_batch_5.bin'),
      Uint8Array.from([...record([3], 0, 0, 0), ...record([10], 0, 0, 0)]),
    );
    await expect(readCifar10(folder)).rejects.toThrow(
      /data_batch_5\.bin: record 1 has label 10, outside \[0, 10\)/,
    );
  });

  it('rejects an empty meta file', async () => {
    writeCifar10(folder);
    writeFileSync(join(folder, 'batches.meta.txt'), '\n\n');
    await expect(readCifar10(folder)).rejects.toThrow(/batches\.meta\.txt: no class names found/);
  });
});

describe('readCifar100', () => {
  function writeCifar100(directory: string) {
    mkdirSync(directory, { recursive: true });
    const fine = Array.from({ length: 100 }, (_, k) => `fine-${k}`);
    writeFileSync(join(directory, 'fine_label_names.txt'), fine.join('\n'));
    writeFileSync(
      join(directory, 'coarse_label_names.txt'),
      Array.from({ length: 20 }, (_, k) => `coarse-${k}`).join('\n'),
    );
    // Records: (coarse, fine) = (19, 99) then (0, 42).
    writeFileSync(
      join(directory, 'train.bin'),
      Uint8Array.from([...record([19, 99], 1, 2, 3), ...record([0, 42], 4, 5, 6)]),
    );
    writeFileSync(join(directory, 'test.bin'), Uint8Array.from(record([7, 33], 9, 9, 9)));
  }

  it('reads fine labels by default and coarse labels on request, from either folder layout', async () => {
    writeCifar100(join(folder, 'cifar-100-binary'));
    const fine = await readCifar100(folder);
    expect([...fine.labels]).toEqual([99, 42]);
    expect(fine.classNames).toHaveLength(100);
    expect([fine.images[0], fine.images[1], fine.images[1024], fine.images[3072 + 2048]]).toEqual([
      1, 255, 2, 6,
    ]);
    const coarse = await readCifar100(join(folder, 'cifar-100-binary'), { labels: 'coarse' });
    expect([...coarse.labels]).toEqual([19, 0]);
    expect(coarse.classNames[19]).toBe('coarse-19');
    expect([...(await readCifar100(folder, { split: 'test' })).labels]).toEqual([33]);
  });

  it('names bad files: record size (3074 bytes), fine label range, coarse label range, missing file', async () => {
    writeCifar100(folder);
    writeFileSync(join(folder, 'test.bin'), new Uint8Array(3073));
    await expect(readCifar100(folder, { split: 'test' })).rejects.toThrow(
      /test\.bin: size 3073 bytes is not a positive multiple of the 3074-byte record/,
    );
    writeFileSync(join(folder, 'train.bin'), Uint8Array.from(record([20, 100], 0, 0, 0)));
    await expect(readCifar100(folder)).rejects.toThrow(
      /train\.bin: record 0 has label 100, outside \[0, 100\)/,
    );
    await expect(readCifar100(folder, { labels: 'coarse' })).rejects.toThrow(
      /train\.bin: record 0 has label 20, outside \[0, 20\)/,
    );
    rmSync(join(folder, 'train.bin'));
    await expect(readCifar100(folder)).rejects.toThrow(/missing file .*train\.bin.*download\('cifar100'/);
  });
});
