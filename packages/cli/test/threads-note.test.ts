import { describe, expect, it } from 'vitest';
import { threadsNote } from '../src/threads-note.js';

describe('the threads note of the training startup line', () => {
  it('says that threads keep the math, only when tfjs wasm trains on several threads', () => {
    expect(threadsNote(2, { name: 'tfjs', backend: 'wasm' })).toBe(
      ' on 2 threads (BatchNorm statistics synchronised across threads: the same math as 1 thread)',
    );
    expect(threadsNote(undefined, { name: 'tfjs', backend: 'wasm' })).toBe('');
    expect(threadsNote(1, { name: 'tfjs', backend: 'wasm' })).toBe('');
    expect(threadsNote(2, { name: 'tfjs', backend: 'tensorflow' })).toBe('');
    expect(threadsNote(2, { name: 'reference', backend: 'float64' })).toBe('');
  });
});
