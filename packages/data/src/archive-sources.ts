/** The datasets {@link download} knows. @example const name: DatasetName = 'cifar10'; */
export type DatasetName = 'cifar10' | 'cifar100';

/**
 * Where an archive comes from and how to check it: its URL, the published MD5 of the archive, the archive's file
 * name in the cache and the folder it extracts to.
 *
 * @example
 * CIFAR_ARCHIVES.cifar10.folder; // 'cifar-10-batches-bin'
 */
export interface ArchiveSource {
  url: string;
  md5: string;
  fileName: string;
  folder: string;
}

/** The official archives' base URL (Alex Krizhevsky's page at the University of Toronto). @example OFFICIAL_BASE_URL.endsWith('/') // true */
export const OFFICIAL_BASE_URL = 'https://www.cs.toronto.edu/~kriz/';

/**
 * The official binary archives and their published MD5 checksums.
 *
 * @example
 * CIFAR_ARCHIVES.cifar100.md5; // '03b5dce01913d631647c71ecec9e9cb8'
 */
export const CIFAR_ARCHIVES: Readonly<Record<DatasetName, ArchiveSource>> = {
  cifar10: {
    url: `${OFFICIAL_BASE_URL}cifar-10-binary.tar.gz`,
    md5: 'c32a1d4ab5d03f1284b67883e8d87530',
    fileName: 'cifar-10-binary.tar.gz',
    folder: 'cifar-10-batches-bin',
  },
  cifar100: {
    url: `${OFFICIAL_BASE_URL}cifar-100-binary.tar.gz`,
    md5: '03b5dce01913d631647c71ecec9e9cb8',
    fileName: 'cifar-100-binary.tar.gz',
    folder: 'cifar-100-binary',
  },
};

/**
 * The source of `name` with overrides applied: a whole `source` (URL and MD5, e.g. a mirror or a test server)
 * wins over `baseUrl`, which replaces only the official base URL.
 *
 * @example
 * resolveArchiveSource('cifar10', { baseUrl: 'http://127.0.0.1:8080/' }).url; // 'http://127.0.0.1:8080/cifar-10-binary.tar.gz'
 */
export function resolveArchiveSource(
  name: DatasetName,
  overrides: { baseUrl?: string; source?: Partial<Pick<ArchiveSource, 'url' | 'md5'>> } = {},
): ArchiveSource {
  const official = CIFAR_ARCHIVES[name];
  if (!official)
    throw new RangeError(
      `unknown dataset "${String(name)}"; choose one of ${Object.keys(CIFAR_ARCHIVES).join(', ')}`,
    );
  const base = overrides.baseUrl === undefined ? OFFICIAL_BASE_URL : overrides.baseUrl.replace(/\/?$/, '/');
  const md5 = (overrides.source?.md5 ?? official.md5).toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(md5))
    throw new RangeError(`MD5 of ${name} must be 32 hexadecimal digits, got "${md5}"`);
  return { ...official, url: overrides.source?.url ?? `${base}${official.fileName}`, md5 };
}
