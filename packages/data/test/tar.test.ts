import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractTarGz, safeEntryPath } from '../src/extract-tar.js';
import { TarParser, type TarEntry } from '../src/tar-parser.js';
import { writeTar, writeTarGz } from './helpers/tar-writer.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const longDirectory = 'directory-with-a-long-name-0123456789012345678901234567890123456789';
const longFile = `sample/${longDirectory}/file-with-a-long-name-too-0123456789.bin`;

let folder: string;
beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'wrn-tar-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function parseAll(bytes: Uint8Array, chunkSize: number) {
  const entries: (TarEntry & { bytes: number[] })[] = [];
  const parser = new TarParser({
    entry: (entry) => entries.push({ ...entry, bytes: [] }),
    data: (chunk) => entries.at(-1)!.bytes.push(...chunk),
    entryEnd: () => undefined,
  });
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    parser.push(bytes.subarray(offset, offset + chunkSize));
  parser.finish();
  return entries;
}

describe('TarParser on GNU tar archives', () => {
  for (const format of ['gnu', 'pax']) {
    it(`reads the ${format} fixture (long names, empty file, data over block boundaries) in any chunking`, async () => {
      const { gunzipSync } = await import('node:zlib');
      const bytes = new Uint8Array(gunzipSync(readFileSync(join(fixtures, `sample-${format}.tar.gz`))));
      for (const chunkSize of [1, 7, 512, 100000]) {
        const entries = parseAll(bytes, chunkSize);
        expect(entries.map((entry) => `${entry.kind}:${entry.path.replace(/\/$/, '')}`)).toEqual([
          'directory:sample',
          `directory:sample/${longDirectory}`,
          `file:${longFile}`,
          'file:sample/empty.txt',
          'file:sample/short.txt',
        ]);
        const long = entries.find((entry) => entry.path === longFile)!;
        expect(long.bytes).toEqual(Array.from({ length: 1500 }, (_, i) => i % 251));
        expect(new TextDecoder().decode(Uint8Array.from(entries.at(-1)!.bytes))).toBe('hello\n');
        expect(entries.find((entry) => entry.path === 'sample/empty.txt')!.bytes).toEqual([]);
      }
    });
  }

  it('rejects a header with a bad checksum', () => {
    const bytes = writeTar([{ path: 'a.txt', data: 'abc' }]);
    bytes[0] = 'b'.charCodeAt(0);
    expect(() => parseAll(bytes, 512)).toThrow(/bad checksum/);
  });

  it('rejects an archive cut inside an entry or without its end marker', () => {
    const bytes = writeTar([{ path: 'a.bin', data: new Uint8Array(2000) }]);
    expect(() => parseAll(bytes.subarray(0, 1024), 512)).toThrow(/truncated inside entry a.bin/);
    expect(() => parseAll(writeTar([{ path: 'a.txt', data: 'x' }], { endMarker: false }), 512)).toThrow(
      /end-of-archive marker/,
    );
  });
});

describe('safeEntryPath', () => {
  it('keeps ordinary relative paths inside the target', () => {
    expect(safeEntryPath('/cache/x', 'cifar-10-batches-bin/test_batch.bin')).toBe(
      '/cache/x/cifar-10-batches-bin/test_batch.bin',
    );
    expect(safeEntryPath('/cache/x', './a/./b')).toBe('/cache/x/a/b');
  });

  it.each(['../evil', 'a/../../evil', '/etc/passwd', 'C:/windows', 'a\\..\\b', '..', '.'])(
    'refuses %s',
    (path) => {
      expect(() => safeEntryPath('/cache/x', path)).toThrow(/refusing to extract/);
    },
  );
});

describe('extractTarGz', () => {
  it('extracts the GNU fixture byte for byte', async () => {
    const target = join(folder, 'out');
    await extractTarGz(join(fixtures, 'sample-gnu.tar.gz'), target);
    expect(readFileSync(join(target, 'sample', 'short.txt'), 'utf8')).toBe('hello\n');
    expect([...readFileSync(join(target, longFile))]).toEqual(
      Array.from({ length: 1500 }, (_, i) => i % 251),
    );
  });

  it.each([
    [
      'a path escaping the target',
      [
        { path: 'ok.txt', data: 'fine' },
        { path: '../escaped.txt', data: 'evil' },
      ],
      /escape/,
    ],
    ['an absolute path', [{ path: '/tmp/wrn-absolute-escape.txt', data: 'evil' }], /absolute/],
    [
      'a symbolic link',
      [{ path: 'link', type: '2' as const, linkName: '/etc/passwd' }],
      /link or special file/,
    ],
  ])('refuses %s and removes what it extracted', async (_name, entries, message) => {
    const archive = join(folder, 'bad.tar.gz');
    writeFileSync(archive, writeTarGz(entries));
    const target = join(folder, 'out');
    await expect(extractTarGz(archive, target)).rejects.toThrow(message);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(folder)).toEqual(['bad.tar.gz']);
    expect(existsSync('/tmp/wrn-absolute-escape.txt')).toBe(false);
  });

  it('names a missing archive', async () => {
    await expect(extractTarGz(join(folder, 'absent.tar.gz'), join(folder, 'out'))).rejects.toThrow(
      /absent\.tar\.gz cannot be extracted: .*ENOENT/,
    );
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });

  it('reports a truncated gzip stream and a file that is not gzip', async () => {
    const archive = join(folder, 'cut.tar.gz');
    const whole = writeTarGz([{ path: 'a.bin', data: new Uint8Array(5000).map((_, i) => (i * 7919) % 256) }]);
    writeFileSync(archive, whole.subarray(0, whole.length - 20));
    await expect(extractTarGz(archive, join(folder, 'out'))).rejects.toThrow(
      /cut.tar.gz is not a valid gzip file or is truncated/,
    );
    writeFileSync(archive, 'plain text, not gzip');
    await expect(extractTarGz(archive, join(folder, 'out'))).rejects.toThrow(/not a valid gzip file/);
    writeFileSync(archive, gzipSync(new Uint8Array(100)));
    await expect(extractTarGz(archive, join(folder, 'out'))).rejects.toThrow(/truncated/);
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });
});
