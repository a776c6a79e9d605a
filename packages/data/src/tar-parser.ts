/**
 * One entry header of a tar archive. `kind` is 'file' (types '0' and NUL), 'directory' ('5') or 'other'
 * (links, devices, FIFOs: extraction refuses them).
 *
 * @example
 * const header: TarEntry = { path: 'cifar-10-batches-bin/test_batch.bin', kind: 'file', type: '0', size: 30730000 };
 */
export interface TarEntry {
  path: string;
  kind: 'file' | 'directory' | 'other';
  type: string;
  size: number;
}

/** What a {@link TarParser} reports, in archive order. @example const handlers: TarHandlers = { entry() {}, data() {}, entryEnd() {} }; */
export interface TarHandlers {
  entry(entry: TarEntry): void;
  data(chunk: Uint8Array): void;
  entryEnd(): void;
}

const BLOCK = 512;
/** Long names and pax records are small; anything bigger is a broken or hostile archive. */
const MAX_METADATA_BYTES = 1 << 20;

/**
 * A streaming reader of POSIX ustar, GNU (long names, 'L') and pax ('x' path/size) tar archives. Feed it chunks
 * of any size with {@link push}; it verifies each header checksum and reports entries and their data. It never
 * touches the file system, so extraction decides what is safe.
 *
 * @example
 * const parser = new TarParser({ entry: (e) => console.log(e.path), data: () => {}, entryEnd: () => {} });
 * parser.push(tarBytes);
 * parser.finish();
 */
export class TarParser {
  private pending = new Uint8Array(0);
  private offset = 0;
  private remaining = 0;
  private padding = 0;
  private current: TarEntry | undefined;
  private metadata: { type: string; chunks: Uint8Array[]; size: number } | undefined;
  private overrides: { path?: string; size?: number } = {};
  private ended = false;

  constructor(private readonly handlers: TarHandlers) {}

  /** Consumes the next bytes of the archive. @example parser.push(chunk) */
  push(chunk: Uint8Array): void {
    let input = this.pending.length > 0 ? concat(this.pending, chunk) : chunk;
    this.pending = new Uint8Array(0);
    while (input.length > 0 && !this.ended) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, input.length);
        this.consumeData(input.subarray(0, take));
        this.remaining -= take;
        this.offset += take;
        input = input.subarray(take);
        if (this.remaining === 0) this.finishEntryData();
      } else if (this.padding > 0) {
        const take = Math.min(this.padding, input.length);
        this.padding -= take;
        this.offset += take;
        input = input.subarray(take);
      } else if (input.length < BLOCK) {
        this.pending = input.slice();
        return;
      } else {
        this.readHeader(input.subarray(0, BLOCK));
        this.offset += BLOCK;
        input = input.subarray(BLOCK);
      }
    }
  }

  /** Checks that the archive did not end inside an entry. @example parser.finish() */
  finish(): void {
    if (this.remaining > 0 || this.pending.length > 0 || this.metadata) {
      const where = this.current ? ` inside entry ${this.current.path}` : '';
      throw new Error(`tar archive is truncated${where} (ended at byte ${this.offset})`);
    }
    if (!this.ended)
      throw new Error(
        `tar archive ended at byte ${this.offset} without its end-of-archive marker; it is truncated`,
      );
  }

  private readHeader(block: Uint8Array): void {
    if (block.every((byte) => byte === 0)) {
      this.ended = true; // the end-of-archive marker; trailing blocks are padding
      return;
    }
    const stored = parseOctal(block.subarray(148, 156));
    let sum = 0;
    for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : block[index]!;
    if (stored !== sum)
      throw new Error(`tar header at byte ${this.offset} has a bad checksum; the archive is corrupt`);
    const type = String.fromCharCode(block[156]!) === '\0' ? '0' : String.fromCharCode(block[156]!);
    const size = parseSize(block.subarray(124, 136), this.offset);
    if (type === 'L' || type === 'x' || type === 'g') {
      if (size > MAX_METADATA_BYTES)
        throw new Error(`tar metadata entry at byte ${this.offset} is ${size} bytes, too large`);
      this.metadata = { type, chunks: [], size };
      this.startData(size);
      return;
    }
    const magic = text(block.subarray(257, 263));
    const prefix = magic === 'ustar' ? text(block.subarray(345, 500)) : '';
    const name = text(block.subarray(0, 100));
    const path = this.overrides.path ?? (prefix ? `${prefix}/${name}` : name);
    const entrySize = this.overrides.size ?? size;
    this.overrides = {};
    const kind = type === '0' || type === '7' ? 'file' : type === '5' ? 'directory' : 'other';
    this.current = { path, kind, type, size: kind === 'file' ? entrySize : 0 };
    this.handlers.entry(this.current);
    this.startData(kind === 'file' ? entrySize : type === '1' || type === '2' ? 0 : entrySize);
  }

  private startData(size: number): void {
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishEntryData();
  }

  private consumeData(chunk: Uint8Array): void {
    if (this.metadata) this.metadata.chunks.push(chunk.slice());
    else if (this.current?.kind === 'file') this.handlers.data(chunk);
  }

  private finishEntryData(): void {
    if (this.metadata) {
      const body = new TextDecoder().decode(concat(...this.metadata.chunks));
      if (this.metadata.type === 'L') this.overrides.path = body.replace(/\0+$/, '');
      if (this.metadata.type === 'x') Object.assign(this.overrides, parsePax(body));
      this.metadata = undefined;
      return;
    }
    if (this.current) this.handlers.entryEnd();
    this.current = undefined;
  }
}

function parsePax(body: string): { path?: string; size?: number } {
  const result: { path?: string; size?: number } = {};
  for (const record of body.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(record);
    if (match?.[1] === 'path') result.path = match[2]!;
    if (match?.[1] === 'size') result.size = Number(match[2]);
  }
  return result;
}

function parseSize(field: Uint8Array, offset: number): number {
  if (field[0]! & 0x80) {
    let value = 0; // GNU base-256 for sizes of 8 GiB and more
    for (let index = 1; index < field.length; index++) value = value * 256 + field[index]!;
    return value;
  }
  const value = parseOctal(field);
  if (!Number.isFinite(value)) throw new Error(`tar header at byte ${offset} has an unreadable size`);
  return value;
}

function parseOctal(field: Uint8Array): number {
  const digits = text(field).trim();
  return digits === '' ? 0 : /^[0-7]+$/.test(digits) ? parseInt(digits, 8) : NaN;
}

function text(field: Uint8Array): string {
  const end = field.indexOf(0);
  return new TextDecoder().decode(end === -1 ? field : field.subarray(0, end));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const output = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    output.set(part, offset);
    offset += part.length;
  }
  return output;
}
