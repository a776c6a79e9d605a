/**
 * Builds a safetensors file by hand, byte by byte, independently of the encoder under test: `header` is JSON
 * text (or a value to stringify), `data` the data section, `headerLength` overrides the declared length.
 *
 * @example
 * craftFile({ w: { dtype: 'U8', shape: [1], data_offsets: [0, 1] } }, new Uint8Array([7]));
 */
export function craftFile(header: unknown, data: Uint8Array | number = 0, headerLength?: bigint): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const json = new TextEncoder().encode(text);
  const section = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + json.length + section.length);
  const view = new DataView(out.buffer);
  const length = headerLength ?? BigInt(json.length);
  // Little-endian u64 written as two u32 halves, by hand.
  view.setUint32(0, Number(length & 0xffffffffn), true);
  view.setUint32(4, Number(length >> 32n), true);
  out.set(json, 8);
  out.set(section, 8 + json.length);
  return out;
}

/** Reads the header JSON of an encoded file, by hand. */
export function headerOf(bytes: Uint8Array): { text: string; length: number } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  return { text: new TextDecoder().decode(bytes.subarray(8, 8 + length)), length };
}
