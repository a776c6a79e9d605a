"""PyTorch training and inference throughput of Wide ResNets: the baseline @wrn/runtime-tfjs's benchmark compares with.

Training is what the @wrn recipe does per step: train mode (batch statistics, dropout), mean softmax cross-entropy,
backward, SGD with Nesterov momentum 0.9 and weight decay 5e-4. Inference is eval mode under torch.inference_mode().
Prints one JSON line per request: {"model", "batch", "mode", "imagesPerSecond", "seconds", "runs", "threads", "torch",
"peakRssMiB"} (the process's peak resident memory so far).
With --serve it reads requests {"model", "batch", "mode", "seconds"} as JSON lines on stdin and answers each, so a
benchmark can interleave PyTorch with other engines under the same machine load.
Run it with the tuned glibc allocator settings (packages/runtime-tfjs/bench/bench.mjs does):
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=1000000000 \
  /usr/bin/python3 scripts/python/bench_torch_train.py --models WRN-16-4 --batches 32 --modes train,infer
"""
import argparse
import json
import os
import resource
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from wrn_torch import WRN, spec_of  # noqa: E402


def build(name, cache={}):
    if name not in cache:
        _, depth, k = name.split('-')
        cache[name] = WRN(spec_of(int(depth), int(k)))
    return cache[name]


def measure(name, batch, mode, min_seconds, min_runs):
    model = build(name)
    images = torch.randn(batch, 3, 32, 32)
    labels = torch.randint(0, 10, (batch,))
    if mode == 'infer':
        model.eval()

        def step():
            with torch.inference_mode():
                model(images)
    else:
        model.train()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)

        def step():
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(images), labels).backward()
            optimizer.step()
    step()  # warm-up: oneDNN primitive creation, allocator growth
    runs, start = 0, time.perf_counter()
    while runs < min_runs or time.perf_counter() - start < min_seconds:
        step()
        runs += 1
    return runs, time.perf_counter() - start


def answer(name, batch, mode, seconds, min_runs, threads):
    runs, elapsed = measure(name, batch, mode, seconds, min_runs)
    # ru_maxrss is the process's peak resident set in KiB on Linux: meaningful for the first request of a process.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'model': name, 'batch': batch, 'mode': mode, 'imagesPerSecond': runs * batch / elapsed,
                      'seconds': elapsed, 'runs': runs, 'threads': threads, 'torch': torch.__version__,
                      'peakRssMiB': peak}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--models', default='WRN-16-4,WRN-28-10')
    parser.add_argument('--batches', default='32,128')
    parser.add_argument('--modes', default='infer,train')
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--min-seconds', type=float, default=3.0)
    parser.add_argument('--min-runs', type=int, default=2)
    parser.add_argument('--serve', action='store_true')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.serve:
        for line in sys.stdin:
            if line.strip():
                request = json.loads(line)
                answer(request['model'], request['batch'], request['mode'],
                       request.get('seconds', args.min_seconds), request.get('runs', args.min_runs), args.threads)
        return
    for name in args.models.split(','):
        for batch in [int(b) for b in args.batches.split(',')]:
            for mode in args.modes.split(','):
                answer(name, batch, mode, args.min_seconds, args.min_runs, args.threads)


if __name__ == '__main__':
    main()
