// One training-graph operation at a time, each way of writing it, on the WRN-16-4 group-0 shape (batch 32, 64
// channels, 32x32): how the training graphs' gradient rules were chosen. Rounds interleave the variants so they see
// the same machine load; prints the minimum and median milliseconds of 15 runs each.
//   node packages/runtime-onnx/bench/gradient-ops.mjs [variant,variant,...]
import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { onnxHelper as h, encodeModel } from '@wrn/runtime-onnx';
const [N, C, H] = [32, 64, 32]; // WRN-16-4's group 0 at batch 32
const K = C;
const vi = (n, s) => h.makeTensorValueInfo(n, s);
const i64 = (n, v) => h.makeInt64Tensor(n, [v.length], v);
function model(nodes, inputs, outputs, constants = []) {
  const inits = constants.filter((tensor) => nodes.some((node) => node.input.includes(tensor.name)));
  return encodeModel(
    h.makeModel(h.makeGraph(nodes, 'g', inputs, outputs, inits), {
      opset: 17,
      irVersion: 8,
      producerName: 'x',
      producerVersion: '0',
    }),
  );
}
const convAttrs = (s, p, k = 3) => ({
  kernel_shape: [k, k],
  strides: [s, s],
  pads: [p, p, p, p],
  dilations: [1, 1],
  group: 1,
});
const variants = {
  convForward: model(
    [h.makeNode('Conv', ['x', 'w'], ['y'], 'c', convAttrs(1, 1))],
    [vi('x', [N, C, H, H]), vi('w', [K, C, 3, 3])],
    [vi('y', [N, K, H, H])],
  ),
  convTranspose: model(
    [h.makeNode('ConvTranspose', ['dy', 'w'], ['dx'], 'c', { ...convAttrs(1, 1), output_padding: [0, 0] })],
    [vi('dy', [N, K, H, H]), vi('w', [K, C, 3, 3])],
    [vi('dx', [N, C, H, H])],
  ),
  flippedConv: model(
    [
      h.makeNode('Transpose', ['w'], ['ws'], 't', { perm: [1, 0, 2, 3] }),
      h.makeNode('Slice', ['ws', 'fs', 'fe', 'fa', 'fst'], ['wf'], 's'),
      h.makeNode('Conv', ['dy', 'wf'], ['dx'], 'c', convAttrs(1, 1)),
    ],
    [vi('dy', [N, K, H, H]), vi('w', [K, C, 3, 3])],
    [vi('dx', [N, C, H, H])],
    [i64('fs', [-1, -1]), i64('fe', [-4, -4]), i64('fa', [2, 3]), i64('fst', [-1, -1])],
  ),
};
function weightGrad(concat) {
  const nodes = [
    h.makeNode('Transpose', ['dy'], ['dyt'], 't1', { perm: [1, 0, 2, 3] }),
    h.makeNode('Reshape', ['dyt', 'rows'], ['r'], 'r1'),
    h.makeNode('Transpose', ['x'], ['xn'], 't2', { perm: [0, 2, 3, 1] }),
    h.makeNode('Pad', ['xn', 'pads'], ['xp'], 'p'),
  ];
  const inits = [
    i64('rows', [K, -1]),
    i64('pads', [0, 1, 1, 0, 0, 1, 1, 0]),
    i64('cols', [-1, C]),
    i64('cols9', [-1, 9 * C]),
    i64('ax', [1, 2]),
    i64('st', [1, 1]),
    i64('u2', [2]),
    i64('kern', [K, C, 3, 3]),
    i64('kern2', [K, 3, 3, C]),
  ];
  const parts = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      inits.push(i64(`s${i}${j}`, [i, j]), i64(`e${i}${j}`, [i + H, j + H]));
      nodes.push(
        h.makeNode('Slice', ['xp', `s${i}${j}`, `e${i}${j}`, 'ax', 'st'], [`x${i}${j}`], `sl${i}${j}`),
      );
      if (!concat) {
        nodes.push(
          h.makeNode('Reshape', [`x${i}${j}`, 'cols'], [`c${i}${j}`], `rs${i}${j}`),
          h.makeNode('MatMul', ['r', `c${i}${j}`], [`m${i}${j}`], `mm${i}${j}`),
          h.makeNode('Unsqueeze', [`m${i}${j}`, 'u2'], [`u${i}${j}`], `us${i}${j}`),
        );
        parts.push(`u${i}${j}`);
      } else parts.push(`x${i}${j}`);
    }
  if (concat)
    nodes.push(
      h.makeNode('Concat', parts, ['cc'], 'cc', { axis: 3 }),
      h.makeNode('Reshape', ['cc', 'cols9'], ['c9'], 'r9'),
      h.makeNode('MatMul', ['r', 'c9'], ['m'], 'mm'),
      h.makeNode('Reshape', ['m', 'kern2'], ['m2'], 'rk'),
      h.makeNode('Transpose', ['m2'], ['dw'], 'tk', { perm: [0, 3, 1, 2] }),
    );
  else
    nodes.push(
      h.makeNode('Concat', parts, ['cc'], 'cc', { axis: 2 }),
      h.makeNode('Reshape', ['cc', 'kern'], ['dw'], 'rk'),
    );
  return model(nodes, [vi('dy', [N, K, H, H]), vi('x', [N, C, H, H])], [vi('dw', [K, C, 3, 3])], inits);
}
variants.im2colConcat = weightGrad(true);
variants.nineMatMuls = weightGrad(false);
const zero = h.makeTensor('z', [], new Float32Array([0]));
variants.whereGreater = model(
  [h.makeNode('Greater', ['y', 'z'], ['g'], 'g'), h.makeNode('Where', ['g', 'dy', 'z'], ['dx'], 'w')],
  [vi('y', [N, C, H, H]), vi('dy', [N, C, H, H])],
  [vi('dx', [N, C, H, H])],
  [zero],
);
variants.signMul = model(
  [h.makeNode('Sign', ['y'], ['g'], 'g'), h.makeNode('Mul', ['dy', 'g'], ['dx'], 'w')],
  [vi('y', [N, C, H, H]), vi('dy', [N, C, H, H])],
  [vi('dx', [N, C, H, H])],
);
variants.castGreaterMul = model(
  [
    h.makeNode('Greater', ['y', 'z'], ['g'], 'g'),
    h.makeNode('Cast', ['g'], ['gf'], 'c', { to: 1 }),
    h.makeNode('Mul', ['dy', 'gf'], ['dx'], 'w'),
  ],
  [vi('y', [N, C, H, H]), vi('dy', [N, C, H, H])],
  [vi('dx', [N, C, H, H])],
  [zero],
);
const only = process.argv[2]?.split(','); // default: every variant
const sessions = {};
for (const [name, bytes] of Object.entries(variants))
  if (!only || only.includes(name))
    sessions[name] = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: 2,
      graphOptimizationLevel: 'all',
    });
const data = (s) => Float32Array.from({ length: s.reduce((a, b) => a * b) }, (_, i) => Math.sin(i));
const feedsFor = (session) =>
  Object.fromEntries(
    session.inputNames.map((n) => [
      n,
      new ort.Tensor(
        'float32',
        data(n === 'w' ? [K, C, 3, 3] : [N, C, H, H]),
        n === 'w' ? [K, C, 3, 3] : [N, C, H, H],
      ),
    ]),
  );
const feeds = Object.fromEntries(Object.entries(sessions).map(([n, s]) => [n, feedsFor(s)]));
console.log(
  `# ${new Date().toISOString()} ${os.cpus()[0]?.model} x${os.cpus().length}, 2 threads, loadavg ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
const times = Object.fromEntries(Object.keys(sessions).map((n) => [n, []]));
for (let round = 0; round < 15; round++)
  for (const [n, s] of Object.entries(sessions)) {
    const t = performance.now();
    await s.run(feeds[n]);
    times[n].push(performance.now() - t);
  }
for (const [n, t] of Object.entries(times)) {
  t.sort((a, b) => a - b);
  console.log(n.padEnd(16), 'min', t[0].toFixed(1), 'median', t[t.length >> 1].toFixed(1), 'ms');
}
