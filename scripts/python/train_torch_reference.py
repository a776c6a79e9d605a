"""PyTorch reference training that replays a `wrn train` run exactly, so the two curves can be compared.

Same network (wrn_torch.py, canonical parameter names) from the same starting weights, the same recipe (SGD with
Nesterov momentum and weight decay on every parameter, the multi-step schedule and its momentum resets, BatchNorm
momentum and epsilon from the spec), the same batches in the same order with the same crops and flips (streamed by
scripts/replay-batches.mjs, which builds them with @wrn/data and @wrn/train as `wrn train` does), the same dropout
masks (dropout_masks.py, @wrn/spec's generator, keyed by the step seed `wrn train` gives each step) and the same
evaluations. Only the arithmetic is PyTorch's.

RUN_DIR (--out) gets what `wrn plot` reads and what to compare with:
  config.json    this run: the replayed run's spec, recipe and seed, torch version, threads, precision, command
  metrics.jsonl  one line per epoch in @wrn/train's format (epoch, learningRate, trainLoss, trainError,
                 imagesPerSecond, epochSeconds, wallSeconds, testLoss, testTop1Error, testTop5Error)
  steps.jsonl    one line per step: step, epoch, batch, learningRate, loss, correct, examples
  best.safetensors  the weights of the lowest test top-1 error, as a @wrn checkpoint (`wrn eval` reads it)
  torch-last.pt  model, optimizer and where the run stands: written after every epoch and on Ctrl-C/SIGTERM
                 (after the current step); --resume continues from it exactly
  init.safetensors  the starting weights, when --init is not given (initWeights(spec, seed), as `wrn train` starts)
Whole files are replaced atomically (temporary file, fsync, rename); steps.jsonl is appended line by line.

--like names the `wrn train` run (its folder or config.json; the run may still be going). Give --init FILE when that
run was started with --init FILE (config.json does not record it), --evaluate-every and --micro-batch-size as given
to `wrn train` (not recorded either). A run with dropout must have recorded the dropout mask generator
'wrn-counter-1' (every run since @wrn/train recorded it).

Usage (from the repository root, after npm run build):
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=1000000000 \
  /usr/bin/python3 scripts/python/train_torch_reference.py --like runs/wrn-16-4 --out runs/wrn-16-4-torch \
      [--init FILE.safetensors] [--data-dir DIR] [--evaluate-every N] [--micro-batch-size N] [--threads 2] \
      [--precision float32|float64] [--resume]
Exit codes: 0 done, 130 stopped by a signal (resume with --resume), 1 on errors.
"""
import argparse
import io
import json
import os
import platform
import signal
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
from atomic_write import write_atomic  # noqa: E402
from dropout_masks import GENERATOR, dropout_mask  # noqa: E402
from logits_metrics import score_logits  # noqa: E402
from replay_stream import END, EPOCH_END, EVAL, EVAL_END, TRAIN, ReplayStream, write_init  # noqa: E402
from wrn_torch import WRN  # noqa: E402

CHECKPOINT_FORMAT = 'wrn-torch-reference-1'
INTERRUPTED = 130  # as `wrn train` exits when stopped


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--like', help='the wrn train run folder (or its config.json) to replay')
    parser.add_argument('--out', required=True, help='the PyTorch run folder')
    parser.add_argument('--init', help='the checkpoint the wrn train run started from (its --init)')
    parser.add_argument('--data-dir', help='the dataset folder, if not the one config.json records')
    parser.add_argument('--evaluate-every', type=int)
    parser.add_argument('--micro-batch-size', type=int)
    parser.add_argument('--threads', type=int, default=2)  # this machine's cores
    parser.add_argument('--precision', choices=['float32', 'float64'])
    parser.add_argument('--resume', action='store_true', help='continue --out from its torch-last.pt')
    return parser.parse_args()


def resolve_settings(args, recorded):
    """Fills the settings a run shares with the run it resumes from `recorded` (None for a new run) or defaults."""
    recorded = recorded or {}
    defaults = {'like': None, 'init': None,
                'evaluateEvery': 1,  # wrn train's default: every epoch
                'microBatchSize': None,  # wrn train's default: the whole batch at once
                'precision': 'float32'}  # as every @wrn runtime trains
    names = {'like': 'like', 'init': 'init', 'evaluateEvery': 'evaluate_every', 'microBatchSize': 'micro_batch_size',
             'precision': 'precision'}
    for key, attribute in names.items():
        if getattr(args, attribute) is None:
            setattr(args, attribute, recorded.get(key, defaults[key]))
    if recorded and settings(args) != recorded:
        raise SystemExit(f'--resume with other settings than the run recorded: {settings(args)} vs {recorded}')


class StopRequest:
    """The first SIGINT/SIGTERM asks to stop after the current step; a second SIGINT stops at once."""

    def __init__(self):
        self.requested = False
        signal.signal(signal.SIGINT, self._handle)
        signal.signal(signal.SIGTERM, self._handle)

    def _handle(self, number, _frame):
        if self.requested and number == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True
        print('\nstopping after this step and saving torch-last.pt (Ctrl-C again to quit at once)',
              file=sys.stderr, flush=True)


def fresh_totals():
    return {'loss': 0.0, 'correct': 0, 'examples': 0, 'seconds': 0.0}


def load_weights(path, spec):
    """The weights of a @wrn checkpoint (momentum buffers left out, as `wrn train --init` does); its spec must be
    the run's but for dropout, which `wrn train --dropout` may set over the file."""
    tensors, metadata = safetensors_io.load(path)
    stored = json.loads(metadata['wrn.spec'])
    if {**stored, 'dropout': spec['dropout']} != spec:
        raise SystemExit(f'{path} holds another model than the replayed run: {stored} vs {spec}')
    return {k: torch.from_numpy(v) for k, v in tensors.items() if not k.startswith('optimizer.')}


def check_dropout_layers(model, hello):
    """The model's dropout layers must be the layer graph's, in order, with the same rates."""
    ours = [(module.name, module.rate) for module in model.dropouts()]
    graph = [(layer['name'], layer['rate']) for layer in hello['dropoutLayers']]
    if ours != graph:
        raise SystemExit(f'wrn_torch.py dropout layers {ours} differ from the layer graph {graph}')
    if graph and hello['dropoutMaskGenerator'] != GENERATOR:
        raise SystemExit(f"the run's dropout masks come from generator {hello['dropoutMaskGenerator']!r}; this "
                         f'script draws {GENERATOR!r} (runs written before runs recorded it cannot be replayed)')


class Run:
    """The model, optimizer and run state of the PyTorch run, saved and restored as one."""

    def __init__(self, args, hello, dtype):
        self.args, self.hello, self.dtype = args, hello, dtype
        self.spec, self.recipe = hello['spec'], hello['recipe']
        self.model = WRN(self.spec).to(dtype)
        check_dropout_layers(self.model, hello)
        sgd = self.recipe['optimizer']
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=sgd['learningRate'], momentum=sgd['momentum'],
                                         dampening=sgd['dampening'], nesterov=sgd['nesterov'],
                                         weight_decay=sgd['weightDecay'])
        self.shapes = {layer['name']: tuple(layer['shape']) for layer in hello['dropoutLayers']}
        self.rates = {layer['name']: layer['rate'] for layer in hello['dropoutLayers']}
        self.state = {'epoch': 0, 'batch': 0, 'step': 0, 'totals': fresh_totals(), 'metrics': [],
                      'bestTop1Error': None, 'wallSeconds': 0.0}
        self.session_start = time.perf_counter()
        self.wall_before = 0.0

    def paths(self, name):
        return os.path.join(self.args.out, name)

    def load_initial(self, weights):
        state = {k: v.to(self.dtype) for k, v in weights.items()}
        self.model.load_state_dict(state, strict=True)

    def wall_seconds(self):
        return self.wall_before + time.perf_counter() - self.session_start

    def save(self):
        self.state['wallSeconds'] = self.wall_seconds()
        buffer = io.BytesIO()
        torch.save({'format': CHECKPOINT_FORMAT, 'model': self.model.state_dict(),
                    'optimizer': self.optimizer.state_dict(), 'state': self.state, 'settings': settings(self.args)},
                   buffer)
        write_atomic(self.paths('torch-last.pt'), buffer.getvalue())

    def restore(self, saved):
        self.model.load_state_dict(saved['model'], strict=True)
        self.optimizer.load_state_dict(saved['optimizer'])
        self.state = saved['state']
        self.wall_before = self.state['wallSeconds']

    def masks_for(self, step_seed, start, size):
        """The dropout provider of examples start .. start + size - 1 of a step (dropout_masks.py)."""
        def keep(name, x):
            shape = self.shapes[name]
            if tuple(x.shape[1:]) != shape:
                raise RuntimeError(f'{name}: input {tuple(x.shape)} but the layer graph says {shape}')
            mask = dropout_mask(step_seed, name, self.rates[name], int(np.prod(shape)), start, size)
            return torch.from_numpy(mask).view(x.shape).to(x.dtype)
        return keep

    def train_step(self, frame):
        """One step of `wrn train` on a TRAIN frame: (mean loss, correct)."""
        if frame.flags & 1:
            for group in self.optimizer.param_groups:
                for parameter in group['params']:
                    self.optimizer.state[parameter].pop('momentum_buffer', None)  # buf = g on the next step
        for group in self.optimizer.param_groups:
            group['lr'] = frame.learning_rate
        self.model.train()
        self.optimizer.zero_grad(set_to_none=True)
        images = torch.from_numpy(frame.images.copy()).to(self.dtype)
        labels = torch.from_numpy(frame.labels.astype(np.int64))
        size = frame.size
        chunk = self.args.micro_batch_size or size
        loss_sum, correct = 0.0, 0
        for start in range(0, size, chunk):
            end = min(size, start + chunk)
            self.model.set_dropout_masks(self.masks_for(frame.dropout_seed, start, end - start))
            logits = self.model(images[start:end])
            # Micro-batch gradients summed with weights size / total, as the runtimes accumulate them.
            loss = F.cross_entropy(logits, labels[start:end]) * ((end - start) / size)
            loss.backward()
            loss_sum += float(loss)
            correct += int((logits.detach().argmax(dim=1) == labels[start:end]).sum())
        self.optimizer.step()
        return loss_sum, correct

    def write_metrics(self):
        lines = ''.join(json.dumps(line, separators=(',', ':')) + '\n' for line in self.state['metrics'])
        write_atomic(self.paths('metrics.jsonl'), lines.encode('utf-8'))

    def write_best(self, metrics):
        weights = {k: v.detach().to(torch.float32).numpy() for k, v in self.model.state_dict().items()
                   if not k.endswith('num_batches_tracked')}
        metadata = {'format': 'wrn-checkpoint', 'wrn.spec': json.dumps(self.spec, separators=(',', ':')),
                    'wrn.best': json.dumps({'epoch': metrics['epoch'], 'testTop1Error': metrics['testTop1Error']})}
        write_atomic(self.paths('best.safetensors'), safetensors_io.encode(weights, metadata))


def settings(args):
    """What a resumed run must share with the run it resumes."""
    return {'like': os.path.abspath(args.like), 'init': args.init and os.path.abspath(args.init),
            'evaluateEvery': args.evaluate_every, 'microBatchSize': args.micro_batch_size,
            'precision': args.precision}


def replay_arguments(args, epoch, batch):
    extra = ['--data-dir', args.data_dir] if args.data_dir else []
    return ['--like', os.path.abspath(args.like), '--evaluate-every', str(args.evaluate_every), '--from-epoch',
            str(epoch), '--from-batch', str(batch), *extra]


def write_config(run, command):
    hello = run.hello
    config = {
        'reference': 'pytorch',
        'spec': hello['spec'],
        'recipe': hello['recipe'],
        'seed': hello['seed'],
        'replays': hello['config'],
        'dataset': hello['dataset'],
        'dataDir': hello['dataDir'],
        'limitTrain': hello['limitTrain'],
        'limitTest': hello['limitTest'],
        'init': run.args.init or 'init.safetensors (initWeights(spec, seed), as wrn train starts without --init)',
        'dropoutMaskGenerator': GENERATOR if hello['dropoutLayers'] else None,
        'evaluateEvery': run.args.evaluate_every,
        'microBatchSize': run.args.micro_batch_size,
        'precision': run.args.precision,
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'python': platform.python_version(),
        'host': platform.node(),
        'command': command,
    }
    write_atomic(run.paths('config.json'), (json.dumps(config, indent=2) + '\n').encode('utf-8'))


def initial_weights(args, run):
    if args.init:
        return load_weights(args.init, run.spec)
    path = run.paths('init.safetensors')
    write_init(os.path.abspath(args.like), path)
    return load_weights(path, run.spec)


def epoch_line(metrics, epochs):
    test = '' if 'testLoss' not in metrics else \
        f" | test loss {metrics['testLoss']:.4f} err {metrics['testTop1Error'] * 100:.2f}%"
    return (f"epoch {metrics['epoch'] + 1}/{epochs} lr {metrics['learningRate']:g} train loss "
            f"{metrics['trainLoss']:.4f} err {metrics['trainError'] * 100:.2f}%{test} | "
            f"{metrics['imagesPerSecond']:.0f} img/s")


def main():
    args = parse_arguments()
    torch.set_num_threads(args.threads)
    checkpoint = os.path.join(args.out, 'torch-last.pt')
    saved = None
    if args.resume:
        if not os.path.exists(checkpoint):
            raise SystemExit(f'{checkpoint} does not exist: nothing to resume')
        saved = torch.load(checkpoint)
        if saved.get('format') != CHECKPOINT_FORMAT:
            raise SystemExit(f'{checkpoint} is not a checkpoint of this script')
        resolve_settings(args, saved['settings'])
        start = saved['state']
    else:
        if os.path.exists(os.path.join(args.out, 'config.json')) or os.path.exists(checkpoint):
            raise SystemExit(f'{args.out} already holds a run; pass --resume to continue it, or choose another --out')
        resolve_settings(args, None)
        if not args.like:
            raise SystemExit('--like RUN_DIR is required')
        start = {'epoch': 0, 'batch': 0}
    dtype = torch.float64 if args.precision == 'float64' else torch.float32
    os.makedirs(args.out, exist_ok=True)
    stream = ReplayStream(replay_arguments(args, start['epoch'], start['batch']))
    stop = StopRequest()
    try:
        run = Run(args, stream.hello, dtype)
        if saved:
            run.restore(saved)
        else:
            run.load_initial(initial_weights(args, run))
            write_config(run, [sys.executable, *sys.argv])
        return train(run, stream, stop)
    finally:
        stream.close()


def train(run, stream, stop):
    state, epochs = run.state, run.recipe['epochs']
    run.write_metrics()  # as @wrn/train: the metrics may lag a checkpoint if a process died between the writes
    steps_path = run.paths('steps.jsonl')
    kept = []
    if os.path.exists(steps_path):
        with open(steps_path, encoding='utf-8') as lines:
            kept = [line for line in lines if line.strip() and json.loads(line)['step'] < state['step']]
    write_atomic(steps_path, ''.join(kept).encode('utf-8'))
    steps = open(steps_path, 'a', encoding='utf-8')
    print(f"replaying {stream.hello['config']} ({stream.hello['trainImages']} train / "
          f"{stream.hello['testImages']} test images, {stream.hello['batchesPerEpoch']} steps an epoch) in torch "
          f'{torch.__version__} {run.args.precision} on {torch.get_num_threads()} threads into {run.args.out}',
          file=sys.stderr, flush=True)
    metrics, evaluation = None, None
    try:
        for frame in stream:
            if frame.kind == TRAIN:
                expected = (state['step'], state['epoch'], state['batch'])
                if (frame.step, frame.epoch, frame.batch) != expected:
                    raise RuntimeError(f'frame of step {frame.step} (epoch {frame.epoch}, batch {frame.batch}) where '
                                       f'step {expected[0]} (epoch {expected[1]}, batch {expected[2]}) was due')
                started = time.perf_counter()
                loss, correct = run.train_step(frame)
                if not np.isfinite(loss):
                    raise SystemExit(f"training diverged at epoch {frame.epoch} batch {frame.batch}: loss {loss}")
                totals = state['totals']
                totals['seconds'] += time.perf_counter() - started
                totals['loss'] += loss * frame.size
                totals['correct'] += correct
                totals['examples'] += frame.size
                state['batch'] += 1
                state['step'] += 1
                steps.write(json.dumps({'step': frame.step, 'epoch': frame.epoch, 'batch': frame.batch,
                                        'learningRate': frame.learning_rate, 'loss': loss, 'correct': correct,
                                        'examples': frame.size}) + '\n')
                steps.flush()
                if stop.requested and state['batch'] < stream.hello['batchesPerEpoch']:
                    run.save()
                    print(f'interrupted; resume with: train_torch_reference.py --out {run.args.out} --resume',
                          file=sys.stderr)
                    return INTERRUPTED
            elif frame.kind == EPOCH_END:
                totals = state['totals']
                examples = max(totals['examples'], 1)
                metrics = {'epoch': frame.epoch, 'learningRate': frame.learning_rate,
                           'trainLoss': totals['loss'] / examples, 'trainError': 1 - totals['correct'] / examples,
                           'imagesPerSecond': totals['examples'] / max(totals['seconds'], 1e-9),
                           'epochSeconds': totals['seconds'], 'wallSeconds': 0.0}
                if frame.flags & 1:
                    evaluation = [0.0, 0, 0, 0]  # loss sum, top-1 hits, top-5 hits, examples
                    run.model.eval()
                else:
                    finish_epoch(run, metrics, epochs)
                    if stop.requested and state['epoch'] < epochs:
                        return INTERRUPTED
            elif frame.kind == EVAL:
                with torch.no_grad():
                    logits = run.model(torch.from_numpy(frame.images.copy()).to(run.dtype))
                loss, top1, top5 = score_logits(logits.to(torch.float32).numpy(), frame.labels)
                evaluation = [evaluation[0] + loss, evaluation[1] + top1, evaluation[2] + top5,
                              evaluation[3] + frame.size]
            elif frame.kind == EVAL_END:
                n = evaluation[3]
                metrics.update({'testLoss': evaluation[0] / n, 'testTop1Error': 1 - evaluation[1] / n,
                                'testTop5Error': 1 - evaluation[2] / n})
                finish_epoch(run, metrics, epochs)
                if stop.requested and state['epoch'] < epochs:
                    return INTERRUPTED
            elif frame.kind == END:
                break
    finally:
        steps.close()
    last = state['metrics'][-1] if state['metrics'] else {}
    print(json.dumps({'status': 'completed', 'epochs': len(state['metrics']), 'top1Error': last.get('testTop1Error'),
                      'top5Error': last.get('testTop5Error'), 'bestTop1Error': state['bestTop1Error'],
                      'runDir': run.args.out}))
    return 0


def finish_epoch(run, metrics, epochs):
    """As @wrn/train after an epoch: wall time, the metrics line, the checkpoint, the best weights."""
    state = run.state
    best = 'testTop1Error' in metrics and (state['bestTop1Error'] is None or
                                           metrics['testTop1Error'] < state['bestTop1Error'])
    if best:
        state['bestTop1Error'] = metrics['testTop1Error']
    metrics['wallSeconds'] = run.wall_seconds()
    state['metrics'].append(metrics)
    state['epoch'] += 1
    state['batch'] = 0
    state['totals'] = fresh_totals()
    run.save()
    run.write_metrics()
    if best:
        run.write_best(metrics)
    print(epoch_line(metrics, epochs) + (' *' if best else ''), file=sys.stderr, flush=True)


if __name__ == '__main__':
    sys.exit(main())
