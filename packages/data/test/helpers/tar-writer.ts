import { gzipSync } from 'node:zlib';

/** One entry for {@link writeTar}: type '0' file, '5' folder, '2' symlink. */
export interface TestTarEntry {
  path: string;
  type?: '0' | '5' | '2';
  data?: Uint8Array | string;
  linkName?: string;
}

/**
 * A deliberately simple ustar writer for tests (the reader is also checked against GNU tar fixtures), able to
 * write hostile entries no well-behaved tar would.
 */
export function writeTar(entries: TestTarEntry[], options: { endMarker?: boolean } = {}): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const data =
      typeof entry.data === 'string'
        ? new TextEncoder().encode(entry.data)
        : (entry.data ?? new Uint8Array(0));
    const header = new Uint8Array(512);
    const put = (offset: number, text: string) => header.set(new TextEncoder().encode(text), offset);
    put(0, entry.path);
    put(100, '0000644\0');
    put(108, '0000000\0');
    put(116, '0000000\0');
    put(124, `${data.length.toString(8).padStart(11, '0')}\0`);
    put(136, '00000000000\0');
    put(156, entry.type ?? '0');
    if (entry.linkName) put(157, entry.linkName);
    put(257, 'ustar\0');
    put(263, '00');
    put(148, '        ');
    const sum = header.reduce((total, byte) => total + byte, 0);
    put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header);
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  if (options.endMarker !== false) blocks.push(new Uint8Array(1024));
  const output = new Uint8Array(blocks.reduce((total, block) => total + block.length, 0));
  let offset = 0;
  for (const block of blocks) {
    output.set(block, offset);
    offset += block.length;
  }
  return output;
}

/** {@link writeTar} then gzip. */
export function writeTarGz(entries: TestTarEntry[], options: { endMarker?: boolean } = {}): Uint8Array {
  return new Uint8Array(gzipSync(writeTar(entries, options))); // a plain copy: Buffer.slice would share memory
}
