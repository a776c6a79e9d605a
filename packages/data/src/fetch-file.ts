import { createHash } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Bytes received so far and the expected total (absent when the server sends no length). @example const progress: DownloadProgress = { receivedBytes: 10, totalBytes: 100 }; */
export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | undefined;
}

/**
 * Streams `url` into `path` while hashing it, and returns the MD5 (hex). A failed status, a dropped connection or a
 * body shorter than its Content-Length throws an `Error` naming the URL and the bytes received, after removing
 * `path`.
 *
 * @example
 * const md5 = await fetchToFile('http://127.0.0.1:8080/a.tar.gz', '/tmp/a.partial', (p) => console.log(p.receivedBytes));
 */
export async function fetchToFile(
  url: string,
  path: string,
  onProgress: (progress: DownloadProgress) => void = () => undefined,
  fetchImplementation: typeof fetch = fetch,
): Promise<string> {
  const hash = createHash('md5');
  let file: FileHandle | undefined;
  let receivedBytes = 0;
  let totalBytes: number | undefined;
  try {
    file = await open(path, 'wx');
    const response = await fetchImplementation(url);
    if (!response.ok || !response.body)
      throw new Error(`server answered ${response.status} ${response.statusText}`);
    const length = response.headers.get('content-length');
    totalBytes = length === null ? undefined : Number(length);
    onProgress({ receivedBytes, totalBytes });
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      receivedBytes += chunk.length;
      await file.write(chunk);
      onProgress({ receivedBytes, totalBytes });
    }
    if (totalBytes !== undefined && receivedBytes !== totalBytes)
      throw new Error('connection dropped before the end');
    await file.close();
    return hash.digest('hex');
  } catch (error) {
    await file?.close().catch(() => undefined);
    rmSync(path, { force: true });
    const cause = (error as Error & { cause?: Error }).cause?.message;
    // undici reports a connection closed mid-body as "terminated"; say what happened.
    const what =
      (error as Error).message === 'terminated'
        ? 'connection dropped before the end'
        : (error as Error).message;
    const received = `${receivedBytes}${totalBytes === undefined ? '' : ` of ${totalBytes}`} bytes received`;
    throw new Error(
      `download of ${url} failed: ${what}${cause ? ` (${cause})` : ''}; ${received}, nothing kept`,
      {
        cause: error,
      },
    );
  }
}

/**
 * The MD5 (hex) of a file on disk, streamed.
 *
 * @example
 * await fileMd5('/cache/cifar-10-binary.tar.gz'); // 'c32a1d4ab5d03f1284b67883e8d87530'
 */
export async function fileMd5(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
