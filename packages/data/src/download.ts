import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveArchiveSource, type ArchiveSource, type DatasetName } from './archive-sources.js';
import { defaultDataDirectory } from './cache-directory.js';
import { extractTarGz } from './extract-tar.js';
import { fetchToFile, fileMd5, type DownloadProgress } from './fetch-file.js';
import { terminalProgress } from './terminal-progress.js';

/** Marks a folder that {@link download} extracted from a verified archive; holds the archive's MD5. */
const VERIFIED_MARKER = '.wrn-verified';

/**
 * Options of {@link download}.
 *
 * @example
 * const options: DownloadOptions = { baseUrl: 'http://127.0.0.1:8080/', onProgress: (p) => console.log(p.receivedBytes) };
 */
export interface DownloadOptions {
  /** Replaces the official base URL (a mirror, or a local test server); the archive file name is kept. */
  baseUrl?: string;
  /** URL and MD5 of the archive, overriding both the official URL and `baseUrl`. */
  source?: { url?: string; md5?: string };
  /** Called as bytes arrive; default a one-line report on stderr when it is a terminal, else silence. */
  onProgress?: (progress: DownloadProgress & { dataset: DatasetName }) => void;
  /** The fetch to use; default the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Downloads and extracts a CIFAR binary archive into `directory` (default `$WRN_DATA_DIR` or `~/.cache/wrn`) and
 * returns the dataset folder (`<directory>/cifar-10-batches-bin` or `<directory>/cifar-100-binary`).
 *
 * Safe and idempotent: the archive streams to a temporary file, is renamed only after its MD5 matches the published
 * one, and extracts (regular files only, no path escaping the target) into a staging folder that is renamed into
 * place at the end. A folder this function verified before is reused without network access; so is an archive
 * already in the cache whose MD5 matches. On any failure nothing partial is left behind.
 *
 * @example
 * import { download, readCifar10 } from '@wrn/data/node';
 * const train = await readCifar10(await download('cifar10'));
 */
export async function download(
  name: DatasetName,
  directory: string = defaultDataDirectory(), // one shared cache, so every tool finds what another downloaded
  options: DownloadOptions = {},
): Promise<string> {
  const source = resolveArchiveSource(name, options);
  const folder = join(directory, source.folder);
  if (isVerified(folder, source)) return folder;
  if (existsSync(folder)) {
    throw new Error(
      `${folder} exists but was not extracted by download() from a verified archive; read it directly ` +
        `(readCifar10/readCifar100) or delete it to download again`,
    );
  }
  mkdirSync(directory, { recursive: true });
  const archive = join(directory, source.fileName);
  if (existsSync(archive) && (await fileMd5(archive)) !== source.md5) rmSync(archive); // a stale or corrupt copy
  if (!existsSync(archive)) await fetchVerified(name, source, archive, options);
  const staging = mkdtempSync(join(directory, '.wrn-extract-'));
  try {
    await extractTarGz(archive, staging);
    const extracted = join(staging, source.folder);
    if (!existsSync(extracted))
      throw new Error(`${archive} does not contain the folder ${source.folder}/ it should extract to`);
    writeFileSync(join(extracted, VERIFIED_MARKER), `${source.md5}\n`);
    try {
      renameSync(extracted, folder);
    } catch (error) {
      if (!isVerified(folder, source)) throw error; // another process finished the same download first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return folder;
}

async function fetchVerified(
  name: DatasetName,
  source: ArchiveSource,
  archive: string,
  options: DownloadOptions,
): Promise<void> {
  const temporary = `${archive}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  const report = options.onProgress ?? terminalProgress(`Downloading ${name}`);
  const md5 = await fetchToFile(
    source.url,
    temporary,
    (progress) => report({ ...progress, dataset: name }),
    options.fetch,
  );
  if (md5 !== source.md5) {
    rmSync(temporary, { force: true });
    throw new Error(
      `checksum mismatch for ${source.url}: MD5 ${md5}, expected ${source.md5}; the download is corrupt or not the ` +
        'official archive, and nothing was kept. Try again, or check the URL',
    );
  }
  renameSync(temporary, archive);
}

function isVerified(folder: string, source: ArchiveSource): boolean {
  const marker = join(folder, VERIFIED_MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === source.md5;
}
