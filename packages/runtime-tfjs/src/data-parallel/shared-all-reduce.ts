// Control words at the head of the shared buffer (Int32 indices).
const ARRIVED = 0;
const GENERATION = 1;
const ABORTED = 2;
const CONTROL_BYTES = 16; // three Int32 words, padded so the Float64 slots that follow are 8-byte aligned

/**
 * The message of the error a replica throws when another one aborted the group (so the coordinator can report the
 * other replica's error, the cause, instead).
 *
 * @example
 * const secondary = message.includes(ALL_REDUCE_ABORTED);
 */
export const ALL_REDUCE_ABORTED = 'data-parallel all-reduce aborted: another replica failed';

/** How long Atomics.wait sleeps between checks of the abort flag and the deadline. */
const POLL_MILLISECONDS = 50; // an abort is seen within a blink, and a waiting replica costs no CPU

/**
 * The shared memory of one all-reduce group, to hand to every replica (a SharedArrayBuffer is shared, not
 * copied, by `postMessage`).
 *
 * @example
 * const group: AllReduceGroup = SharedAllReduce.group(2, 1281, 300_000);
 */
export interface AllReduceGroup {
  buffer: SharedArrayBuffer;
  replicas: number;
  /** The longest vector one reduction carries. */
  capacity: number;
  /** How long a replica waits for the others at one reduction before it gives up and aborts the group. */
  timeoutMilliseconds: number;
}

/**
 * A synchronous all-reduce (sum) over a SharedArrayBuffer for replicas on worker threads and the main thread, which
 * fits tfjs's synchronous autodiff: each participant writes its vector into its own slot, waits at a barrier
 * (Atomics.wait, allowed on Node's main thread), then sums the slots in replica order, so every participant gets the
 * same bits. Slots alternate between two sets by round parity, so a participant that runs ahead cannot overwrite a
 * slot someone is still reading. A failing replica calls {@link abort} and the others throw instead of waiting; a
 * replica that vanishes without a word is caught by the timeout (which aborts the group too).
 *
 * @example
 * const reducer = new SharedAllReduce(group, 0);
 * const sums = reducer.reduce(new Float64Array([1, 2]), 2); // the element-wise sums over 2 participants
 */
export class SharedAllReduce {
  private readonly control: Int32Array;
  private readonly slots: Float64Array;

  constructor(
    private readonly group: AllReduceGroup,
    readonly replica: number,
  ) {
    if (!Number.isInteger(replica) || replica < 0 || replica >= group.replicas)
      throw new RangeError(
        `replica must be an integer in [0, ${group.replicas - 1}], got ${String(replica)}`,
      );
    this.control = new Int32Array(group.buffer, 0, CONTROL_BYTES / 4);
    this.slots = new Float64Array(group.buffer, CONTROL_BYTES, 2 * group.replicas * group.capacity);
  }

  /** How many replicas the group has (the most that can share one reduction). */
  get replicas(): number {
    return this.group.replicas;
  }

  /** Allocates the shared memory of a group of `replicas` reducing vectors of up to `capacity` values. */
  static group(replicas: number, capacity: number, timeoutMilliseconds: number): AllReduceGroup {
    if (!Number.isInteger(replicas) || replicas < 1)
      throw new RangeError(`replicas must be an integer >= 1, got ${String(replicas)}`);
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be an integer >= 1, got ${String(capacity)}`);
    if (!(timeoutMilliseconds > 0))
      throw new RangeError(`timeoutMilliseconds must be > 0, got ${String(timeoutMilliseconds)}`);
    const buffer = new SharedArrayBuffer(CONTROL_BYTES + 2 * replicas * capacity * 8);
    return { buffer, replicas, capacity, timeoutMilliseconds };
  }

  /**
   * The element-wise sum of `values` over replicas `0 .. participants - 1` (each calls this with a vector of the
   * same length); blocks until all of them arrive. Throws when the group was aborted or the wait times out.
   */
  reduce(values: Float64Array, participants: number): Float64Array {
    if (!Number.isInteger(participants) || participants < 1 || participants > this.group.replicas)
      throw new RangeError(
        `participants must be an integer in [1, ${this.group.replicas}], got ${String(participants)}`,
      );
    if (this.replica >= participants)
      throw new RangeError(`replica ${this.replica} is not among the ${participants} participants`);
    if (values.length > this.group.capacity)
      throw new RangeError(`values has ${values.length} entries; the group holds ${this.group.capacity}`);
    if (participants === 1) return Float64Array.from(values);
    this.throwIfAborted();
    // The round number: this participant has not arrived yet, so the barrier cannot have moved past it.
    const generation = Atomics.load(this.control, GENERATION);
    const base = (generation & 1) * this.group.replicas;
    this.slots.set(values, (base + this.replica) * this.group.capacity);
    if (Atomics.add(this.control, ARRIVED, 1) === participants - 1) {
      Atomics.store(this.control, ARRIVED, 0);
      Atomics.add(this.control, GENERATION, 1);
      Atomics.notify(this.control, GENERATION);
    } else {
      this.waitPast(generation);
    }
    const sums = new Float64Array(values.length);
    for (let replica = 0; replica < participants; replica++) {
      const offset = (base + replica) * this.group.capacity;
      for (let index = 0; index < sums.length; index++) sums[index]! += this.slots[offset + index]!;
    }
    return sums;
  }

  /** Makes every replica waiting now or later throw (until {@link reset}); wakes the waiting ones. */
  abort(): void {
    Atomics.store(this.control, ABORTED, 1);
    Atomics.notify(this.control, GENERATION);
  }

  /** Clears an abort and any half-finished round. Only while no replica is inside {@link reduce}. */
  reset(): void {
    Atomics.store(this.control, ARRIVED, 0);
    Atomics.store(this.control, ABORTED, 0);
  }

  private waitPast(generation: number): void {
    const deadline = performance.now() + this.group.timeoutMilliseconds;
    while (Atomics.load(this.control, GENERATION) === generation) {
      this.throwIfAborted();
      if (performance.now() > deadline) {
        this.abort();
        throw new Error(
          `data-parallel all-reduce: replica ${this.replica} waited ${this.group.timeoutMilliseconds} ms for the ` +
            'other replicas at a BatchNorm; one of them is gone or stuck (aborting the step)',
        );
      }
      Atomics.wait(this.control, GENERATION, generation, POLL_MILLISECONDS);
    }
  }

  private throwIfAborted(): void {
    if (Atomics.load(this.control, ABORTED) !== 0) throw new Error(ALL_REDUCE_ABORTED);
  }
}
