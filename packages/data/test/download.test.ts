import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CIFAR_ARCHIVES, resolveArchiveSource } from '../src/archive-sources.js';
import { defaultDataDirectory } from '../src/cache-directory.js';
import { download } from '../src/download.js';
import { readCifar10 } from '../src/reader-cifar10.js';
import { readCifar100 } from '../src/reader-cifar100.js';
import { writeSyntheticCifar } from '../src/synthetic-files.js';
import { writeTarGz, type TestTarEntry } from './helpers/tar-writer.js';

function archiveOf(layout: 'cifar10' | 'cifar100', folder: string): Uint8Array {
  const staging = mkdtempSync(join(tmpdir(), 'wrn-archive-'));
  const files = writeSyntheticCifar(join(staging, folder), {
    classes: 3,
    trainPerClass: 4,
    testPerClass: 2,
    seed: 5,
    layout,
  });
  const entries: TestTarEntry[] = [{ path: `${folder}/`, type: '5' }];
  for (const file of files)
    entries.push({ path: `${folder}/${file.split('/').pop()}`, data: readFileSync(file) });
  rmSync(staging, { recursive: true });
  return writeTarGz(entries);
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const cifar10 = archiveOf('cifar10', 'cifar-10-batches-bin');
const cifar100 = archiveOf('cifar100', 'cifar-100-binary');
const corrupt = cifar10.slice();
corrupt[corrupt.length >> 1]! ^= 0xff;

let server: Server;
let base: string;
const requests: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url!);
    const [, kind, name] = request.url!.split('/');
    const body = name === 'cifar-100-binary.tar.gz' ? cifar100 : kind === 'corrupt' ? corrupt : cifar10;
    if (kind === 'missing') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-length': body.length, 'content-type': 'application/gzip' });
    if (kind === 'dropped') {
      response.write(body.subarray(0, body.length >> 1), () =>
        setTimeout(() => request.socket.destroy(), 20),
      );
      return;
    }
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'wrn-cache-'));
  requests.length = 0;
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

const quiet = { onProgress: () => undefined };

describe('download', () => {
  it('downloads, verifies, extracts, reports progress, and reuses the verified copy without the network', async () => {
    const progress: number[] = [];
    const options = {
      source: { md5: md5(cifar10) },
      baseUrl: `${base}/good/`,
      onProgress: (p: { receivedBytes: number }) => progress.push(p.receivedBytes),
    };
    const folder = await download('cifar10', cache, options);
    expect(folder).toBe(join(cache, 'cifar-10-batches-bin'));
    expect(progress.at(-1)).toBe(cifar10.length);
    expect(progress[0]).toBe(0);
    const train = await readCifar10(folder);
    expect(train.count).toBe(12);
    expect(train.classNames).toEqual(['class-0', 'class-1', 'class-2']);
    expect(readdirSync(cache).sort()).toEqual(['cifar-10-batches-bin', 'cifar-10-binary.tar.gz']);
    expect(await download('cifar10', cache, options)).toBe(folder);
    expect(requests).toEqual(['/good/cifar-10-binary.tar.gz']);
    // With the folder gone, the verified archive in the cache is re-extracted, still without the network.
    rmSync(folder, { recursive: true });
    expect(await download('cifar10', cache, options)).toBe(folder);
    expect(requests).toHaveLength(1);
  });

  it('downloads CIFAR-100 from a full URL override', async () => {
    const folder = await download('cifar100', cache, {
      ...quiet,
      source: { url: `${base}/x/cifar-100-binary.tar.gz`, md5: md5(cifar100) },
    });
    expect(folder).toBe(join(cache, 'cifar-100-binary'));
    expect((await readCifar100(folder, { split: 'test' })).count).toBe(6);
  });

  it('rejects a corrupted archive with a checksum error and leaves nothing behind', async () => {
    const options = { ...quiet, baseUrl: `${base}/corrupt/`, source: { md5: md5(cifar10) } };
    await expect(download('cifar10', cache, options)).rejects.toThrow(
      new RegExp(`checksum mismatch .*MD5 ${md5(corrupt)}, expected ${md5(cifar10)}.*nothing was kept`),
    );
    expect(readdirSync(cache)).toEqual([]);
  });

  it('reports a connection dropped midway and leaves no partial dataset', async () => {
    const options = { ...quiet, baseUrl: `${base}/dropped/`, source: { md5: md5(cifar10) } };
    await expect(download('cifar10', cache, options)).rejects.toThrow(
      new RegExp(
        `download of .*dropped/cifar-10-binary.tar.gz failed: connection dropped before the end.*of ${cifar10.length} bytes received, nothing kept`,
      ),
    );
    expect(readdirSync(cache)).toEqual([]);
  });

  it('reports an HTTP error status, and a good MD5 of an archive without the expected folder', async () => {
    await expect(download('cifar10', cache, { ...quiet, baseUrl: `${base}/missing/` })).rejects.toThrow(
      /server answered 404/,
    );
    expect(readdirSync(cache)).toEqual([]);
    const options = { ...quiet, source: { url: `${base}/good/cifar-100-binary.tar.gz`, md5: md5(cifar100) } };
    await expect(download('cifar10', cache, options)).rejects.toThrow(
      /does not contain the folder cifar-10-batches-bin/,
    );
    expect(existsSync(join(cache, 'cifar-10-batches-bin'))).toBe(false);
    expect(readdirSync(cache).filter((name) => name.startsWith('.wrn-extract'))).toEqual([]);
  });

  it('refuses to overwrite a folder it did not verify', async () => {
    writeSyntheticCifar(join(cache, 'cifar-10-batches-bin'), {
      classes: 2,
      trainPerClass: 1,
      testPerClass: 1,
      seed: 0,
      layout: 'cifar10',
    });
    await expect(download('cifar10', cache, { ...quiet, baseUrl: `${base}/good/` })).rejects.toThrow(
      /was not extracted by download\(\)/,
    );
    expect(requests).toEqual([]);
  });
});

describe('sources and cache folder', () => {
  it('uses the official URLs and MD5s unless overridden', () => {
    expect(CIFAR_ARCHIVES.cifar10).toMatchObject({
      url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
      md5: 'c32a1d4ab5d03f1284b67883e8d87530',
    });
    expect(CIFAR_ARCHIVES.cifar100).toMatchObject({
      url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz',
      md5: '03b5dce01913d631647c71ecec9e9cb8',
    });
    expect(resolveArchiveSource('cifar10', { baseUrl: 'http://127.0.0.1:9/mirror' }).url).toBe(
      'http://127.0.0.1:9/mirror/cifar-10-binary.tar.gz',
    );
    expect(() => resolveArchiveSource('cifar10', { source: { md5: 'xyz' } })).toThrow(
      /32 hexadecimal digits/,
    );
    expect(() => resolveArchiveSource('mnist' as 'cifar10')).toThrow(/unknown dataset "mnist"/);
  });

  it('caches under $WRN_DATA_DIR, else ~/.cache/wrn', () => {
    expect(defaultDataDirectory({ WRN_DATA_DIR: '/data/wrn' })).toBe('/data/wrn');
    expect(defaultDataDirectory({})).toMatch(/\.cache\/wrn$/);
  });
});
