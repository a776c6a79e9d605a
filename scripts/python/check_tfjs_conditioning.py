"""Is a tfjs conformance failure a tfjs bug, or is the conformance case ill-conditioned?

For one `learning-rate-milestone` (either scenario) or `micro-batch-step` entry of the `full`
spec matrix, a node snippet rebuilds the case's exact inputs with the built packages (seed, conformance weights,
batches, learning rates), runs @wrn/runtime-tfjs (cpu backend) and the float64 reference, and hands everything over
as JSON. PyTorch then replays the same steps (graph interpreted node by node with torch.nn.functional, SGD from
torch.optim) in float64 and float32 and prints:

  * max |torch64 - reference|      (sanity: the replay is the reference, ~1e-12)
  * max |torch32 - torch64|        (how far honest float32 arithmetic lands)
  * max |tfjs - reference| and max |tfjs - torch32|, for the weights and for the momentum buffers
  * the same case from float64/float32 PyTorch with the initial weights nudged by a relative 1e-7 (6 seeds):
    if these fail the suite tolerance with tfjs's signature, the case is ill-conditioned, not tfjs
  * learning-rate-milestone takes a third argument: `nesterov` (default; the first scenario, no momentum reset) or
    `reset` (the second scenario: plain momentum, momentum reset at the milestone)
  * the smallest |ReLU input| per step (float64, reference weights): a value within float32 rounding of 0 flips the
    ReLU mask and moves gradients discontinuously

Needs the built packages (npx turbo run build --filter=@wrn/conformance... --filter=@wrn/runtime-tfjs...).
Usage (from the repository root):
  /usr/bin/python3 scripts/python/check_tfjs_conditioning.py learning-rate-milestone 'WRN-10-2 seed-keras B(3,3) 8x8 batch 1'
  /usr/bin/python3 scripts/python/check_tfjs_conditioning.py micro-batch-step 'WRN-10-2 paper B(3,3) 32x32 batch 1'
"""
import json
import os
import subprocess
import sys
import tempfile

import torch
import torch.nn.functional as F

EXPORT = r"""
import { conformanceBatch, conformanceWeights, CONFORMANCE_OPTIMIZER, specMatrix, withoutDropout } from '@wrn/conformance';
import { ReferenceModel } from '@wrn/runtime-reference';
import { createTfjsRuntime } from '@wrn/runtime-tfjs';
import { deriveSeed, expandGraph, isLearningRateDrop, learningRateAt, paperRecipe } from '@wrn/spec';
import { writeFileSync } from 'node:fs';
const caseId = process.env.CASE, entryName = process.env.ENTRY, reset = process.env.RESET === '1';
const entry = specMatrix('full').find((e) => e.name === entryName);
if (!entry) throw new Error('no full-matrix entry named ' + entryName);
const seed = deriveSeed(0, `${caseId}/${entry.name}`) % 1_000_000; // as plan.ts with the default seed 0
const spec = withoutDropout(entry.spec);
const weights = conformanceWeights(spec, seed);
const optimizer = { ...CONFORMANCE_OPTIMIZER, nesterov: !reset }; // the case's second scenario: plain momentum, reset
const dump = (map) => Object.fromEntries([...map].map(([k, t]) => [k, { shape: t.shape, data: [...t.data] }]));
const initial = dump(weights);
const steps = [];
if (caseId === 'learning-rate-milestone') {
  const recipe = paperRecipe({ optimizer, schedule: { type: 'multi-step', milestones: [2], gamma: 0.2, resetMomentum: reset } });
  for (let epoch = 0; epoch < 4; epoch++)
    steps.push({ batch: conformanceBatch(spec, entry.batchSize, seed + epoch), options: { learningRate: learningRateAt(recipe, epoch) },
      resetMomentum: reset && isLearningRateDrop(recipe, epoch) });
} else if (caseId === 'micro-batch-step') {
  steps.push({ batch: conformanceBatch(spec, Math.max(entry.batchSize, 2), seed), options: { learningRate: 0.1, microBatchSize: 1 } });
} else throw new Error('case must be learning-rate-milestone or micro-batch-step, got ' + caseId);
const reference = new ReferenceModel(spec, weights, { optimizer });
const runtime = await createTfjsRuntime({ backend: 'cpu' });
const executor = await runtime.compile(spec, { weights, optimizer, seed });
const referenceSteps = [];
for (const { batch, options, resetMomentum } of steps) {
  if (resetMomentum) { executor.resetMomentum(); reference.resetMomentum(); }
  await executor.trainStep(batch, options);
  reference.trainStep(batch, options);
  referenceSteps.push(dump(reference.weights));
}
writeFileSync(process.env.OUT, JSON.stringify({
  caseId, entry: entry.name, seed, spec, graph: expandGraph(spec), optimizer, initial, referenceSteps,
  steps: steps.map(({ batch, options, resetMomentum }) => ({ images: [...batch.images], labels: [...batch.labels], size: batch.size, resetMomentum, ...options })),
  tfjs: dump(await executor.getWeights()), reference: dump(reference.weights),
  tfjsMomentum: dump(await executor.getOptimizerState()), referenceMomentum: dump(reference.momentumBuffers),
}));
executor.dispose();
"""


def tensors(mapping, dtype=torch.float64):
    return {k: torch.tensor(v['data'], dtype=dtype).reshape(v['shape']) for k, v in mapping.items()}


def run_graph(graph, params, state, images, relu_inputs=None):
    """Training-mode forward; BatchNorm updates `state` in place, as PyTorch's running statistics do."""
    values = {graph['input']: images}
    for node in graph['nodes']:
        x, op = values[node['inputs'][0]], node['op']
        if op == 'conv2d':
            y = F.conv2d(x, params[node['weight']], params.get(node.get('bias')), stride=node['stride'],
                         padding=node['padding'])
        elif op == 'batchNorm':
            y = F.batch_norm(x, state[node['runningMean']], state[node['runningVar']], params[node['weight']],
                             params[node['bias']], training=True, momentum=node['momentum'], eps=node['epsilon'])
        elif op == 'relu':
            if relu_inputs is not None:
                relu_inputs.append((node['name'], x.detach()))
            y = F.relu(x)
        elif op == 'dropout':
            y = x  # the cases compare with dropout off
        elif op == 'add':
            y = x + values[node['inputs'][1]]
        elif op == 'globalAvgPool':
            y = x.mean(dim=(2, 3))
        elif op == 'dense':
            y = F.linear(x, params[node['weight']], params.get(node.get('bias')))
        else:
            raise ValueError(f'unknown op {op}')
        values[node['output']] = y
    return values[graph['output']]


def train(case, initial, dtype, relu_report=None):
    """The case's steps with torch.optim.SGD (weight decay on every parameter, as the reference)."""
    graph, spec, opt = case['graph'], case['spec'], case['optimizer']
    start = {k: v.to(dtype) for k, v in initial.items()}
    trainable = [p['name'] for p in graph['parameters'] if p['trainable']]
    params = {n: start[n].clone().requires_grad_(True) for n in trainable}
    state = {p['name']: start[p['name']].clone() for p in graph['parameters'] if not p['trainable']}
    sgd = torch.optim.SGD([params[n] for n in trainable], lr=0.1, momentum=opt['momentum'],
                          dampening=opt['dampening'], weight_decay=opt['weightDecay'], nesterov=opt['nesterov'])
    shape = (spec['input']['channels'], spec['input']['height'], spec['input']['width'])
    for index, step in enumerate(case['steps']):
        size = step['size']
        micro = step.get('microBatchSize', size)
        images = torch.tensor(step['images'], dtype=dtype).reshape(size, *shape)
        labels = torch.tensor(step['labels'])
        if step.get('resetMomentum'):
            sgd.state.clear()  # PyTorch restarts the buffer from the next gradient, as resetMomentum() does
        for group in sgd.param_groups:
            group['lr'] = step['learningRate']
        sgd.zero_grad()
        relu_inputs = [] if relu_report is not None else None
        for first in range(0, size, micro):
            rows = slice(first, min(size, first + micro))
            logits = run_graph(graph, params, state, images[rows], relu_inputs)
            loss = F.cross_entropy(logits, labels[rows]) * ((rows.stop - rows.start) / size)
            loss.backward()
        if relu_report is not None:
            smallest = min((x.abs().min().item(), name) for name, x in relu_inputs)
            relu_report.append((index, *smallest))
        sgd.step()
    momentum = {n: sgd.state[params[n]]['momentum_buffer'].double() for n in trainable if params[n] in sgd.state}
    return {k: v.detach().double() for k, v in {**params, **state}.items()}, momentum


def out_of_tolerance(actual, expected):
    """Values outside the suite's tolerance, 1e-4 abs + 1e-4 rel of the expected value."""
    return sum(int((actual[k] - expected[k]).abs().gt(1e-4 + 1e-4 * expected[k].abs()).sum()) for k in expected)


def worst(actual, expected):
    name = max(expected, key=lambda k: (actual[k] - expected[k]).abs().max().item())
    return f"max {(actual[name] - expected[name]).abs().max().item():.2e} in {name}; " \
           f"{out_of_tolerance(actual, expected)} values out of tolerance"


def main(case_id, entry, scenario):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, 'case.json')
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        subprocess.run(['node', '--input-type=module'], input=EXPORT, text=True, cwd=root, check=True,
                       env={**os.environ, 'CASE': case_id, 'ENTRY': entry, 'OUT': path,
                                                             'RESET': '1' if scenario == 'reset' else '0'}, stdout=subprocess.DEVNULL)
        case = json.load(open(path))
    initial, reference, tfjs = tensors(case['initial']), tensors(case['reference']), tensors(case['tfjs'])
    print(f"== {case_id} / {entry} / {scenario} (seed {case['seed']})")
    relu_report = []
    w64, m64 = train(case, initial, torch.float64, relu_report)
    w32, m32 = train(case, initial, torch.float32)
    tfjs_momentum, reference_momentum = tensors(case['tfjsMomentum']), tensors(case['referenceMomentum'])
    print('torch64 vs reference: ', worst(w64, reference))
    print('torch32 vs torch64:   ', worst(w32, w64))
    print('tfjs vs reference:    ', worst(tfjs, reference))
    print('tfjs vs torch32:      ', worst(tfjs, w32))
    print('momentum torch64 vs reference:', worst(m64, reference_momentum))
    print('momentum torch32 vs torch64:  ', worst(m32, m64))
    print('momentum tfjs vs reference:   ', worst(tfjs_momentum, reference_momentum))
    print('momentum tfjs vs torch32:     ', worst(tfjs_momentum, m32))
    name = 'stem.conv.weight'
    print(f"{name}: |torch32-torch64| {(w32[name] - w64[name]).abs().max():.2e}, "
          f"|tfjs-reference| {(tfjs[name] - reference[name]).abs().max():.2e}, "
          f"|tfjs-torch32| {(tfjs[name] - w32[name]).abs().max():.2e}")
    for step, value, where in relu_report:
        print(f'step {step}: smallest |ReLU input| (float64) {value:.2e} at {where}')
    for seed in range(6):
        generator = torch.Generator().manual_seed(seed)
        nudged = {k: v * (1 + 1e-7 * torch.randn(v.shape, generator=generator, dtype=torch.float64))
                  if k.endswith('.weight') else v for k, v in initial.items()}
        for dtype in (torch.float64, torch.float32):
            weights, momentum = train(case, nudged, dtype)
            print(f'weights x (1 + 1e-7 N(0,1)), seed {seed}, {dtype}: weights',
                  worst(weights, reference), '| momentum', worst(momentum, reference_momentum))


if __name__ == '__main__':
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ['nesterov'], ['reset']):
        sys.exit(__doc__)
    torch.set_num_threads(1)  # the machine is shared; the networks are tiny
    main(sys.argv[1], sys.argv[2], (sys.argv[3:] or ['nesterov'])[0])  # default: the case's first scenario
