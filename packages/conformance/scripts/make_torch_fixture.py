"""PyTorch (float64) golden values for the @wrn/runtime-reference executor, on the @wrn/conformance inputs.

Reads the inputs written by export-torch-inputs.mjs (layer graphs, weights, batches, dropout masks) and interprets
each graph node by node with torch.nn.functional -- conv2d, batch_norm (PyTorch's own running-statistics update),
relu, dropout as mask / (1 - p), add, mean pooling, linear -- then cross_entropy, autograd and torch.optim.SGD
(Nesterov, weight decay on every parameter). Nothing here is computed by the reference under test.

  cd packages/conformance
  node scripts/export-torch-inputs.mjs > /tmp/torch-inputs.json
  MALLOC_MMAP_THRESHOLD_=33554432 /usr/bin/python3 scripts/make_torch_fixture.py /tmp/torch-inputs.json \
      test/fixtures/torch-reference.json
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def summary(tensor):
    """Sum, sum of |x| and four fixed entries: enough to catch any layout or arithmetic difference, small to store."""
    flat = tensor.detach().reshape(-1)
    n = flat.numel()
    indices = [0, n // 3, (2 * n) // 3, n - 1]
    return {'sum': flat.sum().item(), 'absSum': flat.abs().sum().item(), 'indices': indices,
            'values': [flat[i].item() for i in indices]}


def run_graph(graph, params, state, images, training, masks, update_stats):
    values = {graph['input']: images}
    for node in graph['nodes']:
        x = values[node['inputs'][0]]
        op = node['op']
        if op == 'conv2d':
            bias = params[node['bias']] if 'bias' in node else None
            y = F.conv2d(x, params[node['weight']], bias, stride=node['stride'], padding=node['padding'])
        elif op == 'batchNorm':
            mean, var = state[node['runningMean']], state[node['runningVar']]
            if training and not update_stats:
                mean, var = mean.clone(), var.clone()
            y = F.batch_norm(x, mean, var, params[node['weight']], params[node['bias']], training=training,
                             momentum=node['momentum'], eps=node['epsilon'])
        elif op == 'relu':
            y = F.relu(x)
        elif op == 'dropout':
            y = x * masks[node['name']].reshape(x.shape) / (1 - node['rate']) if training else x
        elif op == 'add':
            y = x + values[node['inputs'][1]]
        elif op == 'globalAvgPool':
            y = x.mean(dim=(2, 3))
        elif op == 'dense':
            bias = params[node['bias']] if 'bias' in node else None
            y = F.linear(x, params[node['weight']], bias)
        else:
            raise ValueError(f"unknown op {op}")
        values[node['output']] = y
    return values[graph['output']]


def run_case(case):
    graph, size, spec = case['graph'], case['batchSize'], case['spec']
    shape = [size, spec['input']['channels'], spec['input']['height'], spec['input']['width']]
    tensors = {name: torch.tensor(t['data']).reshape(t['shape']) for name, t in case['weights'].items()}
    trainable = [p['name'] for p in graph['parameters'] if p['trainable']]
    params = {name: tensors[name].clone().requires_grad_(True) for name in trainable}
    state = {p['name']: tensors[p['name']].clone() for p in graph['parameters'] if not p['trainable']}
    batches = [{'images': torch.tensor(b['images']).reshape(shape), 'labels': torch.tensor(b['labels']),
                'parts': [{'start': p['start'], 'size': p['size'],
                           'masks': {k: torch.tensor(v, dtype=torch.float64) for k, v in p['masks'].items()}}
                          for p in b['parts']],
                'lr': b['learningRate']} for b in case['batches']]
    opt = case['optimizer']
    sgd = torch.optim.SGD([params[name] for name in trainable], lr=0.1, momentum=opt['momentum'],
                          dampening=opt['dampening'], weight_decay=opt['weightDecay'], nesterov=opt['nesterov'])
    result = {'name': case['name']}
    with torch.no_grad():
        result['evalLogits'] = run_graph(graph, params, state, batches[0]['images'], False, {}, False).reshape(-1).tolist()
    first = batches[0]
    logits = run_graph(graph, params, state, first['images'], True, first['parts'][0]['masks'], False)
    loss = F.cross_entropy(logits, first['labels'])
    grads = torch.autograd.grad(loss, [params[name] for name in trainable])
    result['gradientLoss'] = loss.item()
    result['trainingLogits'] = logits.detach().reshape(-1).tolist()
    result['gradients'] = {name: summary(g) for name, g in zip(trainable, grads)}
    result['stepLosses'] = []
    for batch in batches:
        for group in sgd.param_groups:
            group['lr'] = batch['lr']
        sgd.zero_grad()
        # Gradient accumulation: each micro-batch's mean loss weighted by its share of the batch; BatchNorm
        # running statistics update once per micro-batch forward.
        total = 0.0
        for part in batch['parts']:
            rows = slice(part['start'], part['start'] + part['size'])
            logits = run_graph(graph, params, state, batch['images'][rows], True, part['masks'], True)
            loss = F.cross_entropy(logits, batch['labels'][rows]) * (part['size'] / size)
            loss.backward()
            total += loss.item()
        sgd.step()
        result['stepLosses'].append(total)
    after = {**{name: params[name] for name in trainable}, **state}
    result['weightsAfter'] = {p['name']: summary(after[p['name']]) for p in graph['parameters']}
    result['momentumAfter'] = {name: summary(sgd.state[params[name]]['momentum_buffer']) for name in trainable}
    with torch.no_grad():
        result['evalLogitsAfter'] = run_graph(graph, params, state, batches[0]['images'], False, {}, False).reshape(-1).tolist()
    return result


def main():
    inputs = json.load(open(sys.argv[1]))
    output = {'generator': 'packages/conformance/scripts/make_torch_fixture.py', 'torch': torch.__version__,
              'cases': [run_case(case) for case in inputs['cases']]}
    with open(sys.argv[2], 'w') as file:
        json.dump(output, file, indent=1)
        file.write('\n')
    for case in output['cases']:
        print(case['name'], 'eval logits[0:3]', case['evalLogits'][:3], 'losses', case['stepLosses'])


if __name__ == '__main__':
    main()
