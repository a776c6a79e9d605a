/**
 * A small, fully specified PRNG (xoshiro128**, seeded through splitmix32) so every runtime and language can
 * reproduce the same numbers from the same seed. Not cryptographic.
 *
 * @example
 * const random = new Random(42);
 * random.uniform(); // in [0, 1)
 * random.normal();  // standard normal
 */
export class Random {
  private readonly state = new Uint32Array(4);
  private spareNormal: number | undefined;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
    }
    let z = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32: spreads a single 32-bit seed over the 128-bit state.
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (t ^ (t >>> 16)) >>> 0;
    }
  }

  /** Returns the internal state so a run can be resumed exactly. @example new Random(1).getState().length // 4 */
  getState(): number[] {
    return [...this.state];
  }

  /** Restores a state from {@link getState}. @example random.setState(saved) */
  setState(state: readonly number[]): void {
    if (state.length !== 4) throw new RangeError(`Random state must have 4 words, got ${state.length}`);
    state.forEach((word, index) => (this.state[index] = word >>> 0));
    this.spareNormal = undefined;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). @example new Random(1).nextUint32() */
  nextUint32(): number {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. @example new Random(1).uniform() < 1 // true */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Uniform integer in [0, n). @example new Random(1).integer(10) */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal by the Box-Muller transform (pairs cached). @example new Random(1).normal() */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log stays finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Derives an independent 32-bit seed from a seed and a name (FNV-1a), so each parameter's stream does not
 * depend on the order parameters are initialised in.
 *
 * @example
 * deriveSeed(0, 'head.fc.weight'); // a fixed 32-bit integer
 */
export function deriveSeed(seed: number, name: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
