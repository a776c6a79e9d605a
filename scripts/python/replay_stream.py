"""Reads the frames of scripts/replay-batches.mjs: what `wrn train` feeds its runtime, step by step.

The frame layout is documented in scripts/replay-batches.mjs: a 40-byte little-endian header (magic, kind, step,
epoch, batch, size, dropoutSeed, flags as uint32, learningRate as float64) and a payload (the HELLO frame's JSON, or
int32 labels then float32 NCHW images). `ReplayStream` runs the script and yields `Frame`s; the first one is HELLO,
whose settings are in `stream.hello`.

Usage (from the repository root, after npm run build), printing one line per frame:
  /usr/bin/python3 scripts/python/replay_stream.py --like RUN_DIR [--data-dir DIR] [--evaluate-every N]
"""
import argparse
import json
import os
import struct
import subprocess
import sys
from dataclasses import dataclass

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, 'scripts', 'replay-batches.mjs')
MAGIC = 0x57524E52
HEADER = struct.Struct('<8Id')
HELLO, TRAIN, EPOCH_END, EVAL, EVAL_END, END = 1, 2, 3, 4, 5, 6
KIND_NAMES = {HELLO: 'hello', TRAIN: 'train', EPOCH_END: 'epoch-end', EVAL: 'eval', EVAL_END: 'eval-end',
              END: 'end'}


@dataclass
class Frame:
    kind: int
    step: int
    epoch: int
    batch: int
    size: int
    dropout_seed: int
    flags: int
    learning_rate: float
    labels: np.ndarray = None  # int32 [size] (TRAIN, EVAL)
    images: np.ndarray = None  # float32 [size, C, H, W] (TRAIN, EVAL)
    hello: dict = None  # the run's settings (HELLO)


class ReplayStream:
    """Runs replay-batches.mjs with `arguments` (e.g. ['--like', run_dir]) and reads its frames in order."""

    def __init__(self, arguments):
        # Its own session: Ctrl-C reaches this process only, which stops the replay when it is done with it.
        self.process = subprocess.Popen(['node', SCRIPT, *arguments], cwd=ROOT, stdout=subprocess.PIPE,
                                        start_new_session=True, bufsize=1 << 20)
        first = self.next()
        if first.kind != HELLO:
            raise RuntimeError(f'replay-batches.mjs began with a {KIND_NAMES.get(first.kind)} frame, not hello')
        self.hello = first.hello
        self.shape = tuple(self.hello['imageShape'])

    def _read(self, count):
        data = self.process.stdout.read(count)
        if len(data) != count:
            code = self.process.wait()
            raise RuntimeError(f'replay-batches.mjs ended mid-stream (exit code {code}; its message is above)')
        return data

    def next(self):
        """The next frame."""
        magic, kind, step, epoch, batch, size, seed, flags, rate = HEADER.unpack(self._read(HEADER.size))
        if magic != MAGIC:
            raise RuntimeError(f'bad frame magic {magic:#x}: is the stream from replay-batches.mjs?')
        frame = Frame(kind, step, epoch, batch, size, seed, flags, rate)
        if kind == HELLO:
            frame.hello = json.loads(self._read(size).decode('utf-8'))
        elif kind in (TRAIN, EVAL):
            frame.labels = np.frombuffer(self._read(4 * size), '<i4')
            count = size * int(np.prod(self.shape))
            frame.images = np.frombuffer(self._read(4 * count), '<f4').reshape((size,) + self.shape)
        return frame

    def __iter__(self):
        while True:
            frame = self.next()
            yield frame
            if frame.kind == END:
                return

    def close(self):
        """Stops the replay (it may be ahead of the reader) and waits for it."""
        if self.process.poll() is None:
            self.process.terminate()
        self.process.stdout.close()
        self.process.wait()


def write_init(like, path):
    """Writes the weights `wrn train` starts from without --init to `path` (replay-batches.mjs --write-init)."""
    done = subprocess.run(['node', SCRIPT, '--like', like, '--write-init', os.path.abspath(path)], cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError('replay-batches.mjs --write-init failed (its message is above)')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--like', required=True)
    parser.add_argument('--data-dir')
    parser.add_argument('--evaluate-every', default='1')
    args = parser.parse_args()
    extra = ['--data-dir', args.data_dir] if args.data_dir else []
    stream = ReplayStream(['--like', args.like, '--evaluate-every', args.evaluate_every, *extra])
    print(json.dumps({k: v for k, v in stream.hello.items() if k not in ('spec', 'recipe')}))
    try:
        for frame in stream:
            pixels = '' if frame.images is None else f' labels[:4] {frame.labels[:4].tolist()} ' \
                f'image sum {float(frame.images.astype(np.float64).sum()):.6f}'
            print(f'{KIND_NAMES[frame.kind]:9s} step {frame.step} epoch {frame.epoch} batch {frame.batch} size '
                  f'{frame.size} seed {frame.dropout_seed} flags {frame.flags} lr {frame.learning_rate}{pixels}')
    except BrokenPipeError:
        sys.stdout = None  # the reader (e.g. head) stopped: so do we, quietly
    finally:
        stream.close()


if __name__ == '__main__':
    main()
