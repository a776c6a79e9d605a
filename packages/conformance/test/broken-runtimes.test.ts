import { describe, expect, it } from 'vitest';
import { createReferenceRuntime } from '@wrn/runtime-reference';
import {
  formatReport,
  runConformance,
  specMatrix,
  type ConformanceReport,
  type RuntimeFactory,
} from '../src/index.js';
import {
  impreciseGradientRuntime,
  inferenceOnlyRuntime,
  leakingRuntime,
  microBatchMasksRuntime,
  missingShortcutRuntime,
  ownDropoutMasksRuntime,
  ownLearningRateCheckRuntime,
  swappedLayoutRuntime,
  wrongEpsilonRuntime,
  wrongNesterovRuntime,
} from '../src/test.js';

// The 8x8 quick entries (paper with identity shortcuts, seed-pytorch, seed-keras B(3,1,3)), at the loosest default
// tolerance a float32 runtime gets: every bug must be caught even there.
const options = { specs: specMatrix('quick').slice(0, 3), tolerance: { atol: 1e-4, rtol: 1e-4 } };

async function statuses(
  factory: RuntimeFactory,
  cases: string[],
): Promise<{ report: ConformanceReport; status: Record<string, string> }> {
  const report = await runConformance(factory, { ...options, cases });
  return { report, status: Object.fromEntries(report.rows.map((row) => [row.case, row.status])) };
}

describe('the suite catches deliberately broken executors, in the right case', () => {
  it('wrong BatchNorm epsilon: eval and training forward fail, the inventory passes', async () => {
    const { status, report } = await statuses(wrongEpsilonRuntime, [
      'parameter-inventory',
      'eval-forward',
      'training-forward',
    ]);
    expect(status).toEqual({
      'parameter-inventory': 'pass',
      'eval-forward': 'fail',
      'training-forward': 'fail',
    });
    expect(report.rows[1]!.reason).toMatch(/eval-mode logits: \d+ of \d+ values differ from the reference/);
  });

  it('missing shortcut: eval forward fails', async () => {
    const { status } = await statuses(missingShortcutRuntime, ['eval-forward']);
    expect(status).toEqual({ 'eval-forward': 'fail' });
  });

  it('wrong Nesterov formula: forward and gradients pass, the training step and the milestone run fail', async () => {
    const { status, report } = await statuses(wrongNesterovRuntime, [
      'eval-forward',
      'gradients',
      'train-step',
      'learning-rate-milestone',
    ]);
    expect(status).toEqual({
      'eval-forward': 'pass',
      gradients: 'pass',
      'train-step': 'fail',
      'learning-rate-milestone': 'fail',
    });
    expect(report.rows[2]!.reason).toMatch(/weights and running statistics after one step/);
    expect(report.rows[3]!.reason).toMatch(/Nesterov, without momentum reset/);
  });

  it('a 1e-3 relative error in one gradient: the real-size step fails, naming the tensor and the error', async () => {
    const { status, report } = await statuses(impreciseGradientRuntime, ['real-size-step']);
    expect(status).toEqual({ 'real-size-step': 'fail' });
    const reason = report.rows[0]!.reason!;
    // WRN-10-1 has 39 tensors: the stem conv, 10 per group (two BatchNorms of 4, two convs), 2 shortcuts, 6 in the head.
    expect(reason).toMatch(/1 of 39 tensors' updates differ .* worst 'group0\.block0\.conv0\.weight' at /);
    // By hand: the update is lr * 1.9 * (g + 5e-4 w), so its error is 1e-3 * max|g| / max|g + 5e-4 w|, about 1e-3.
    expect(Number(reason.slice(reason.lastIndexOf(' at ') + 4))).toBeCloseTo(1e-3, 4);
  });

  it('dropout masks drawn its own way: determinism and the dropout-free step pass, the dropout step fails', async () => {
    const { status, report } = await statuses(ownDropoutMasksRuntime, [
      'train-step',
      'dropout-step',
      'determinism',
    ]);
    expect(status).toEqual({ 'train-step': 'pass', 'dropout-step': 'fail', determinism: 'pass' });
    expect(report.rows[1]!.reason).toMatch(
      /after a step with dropout 0\.3, the whole batch, the first pass of the compile seed: \d+ of \d+ tensors' updates differ/,
    );
  });

  it("the spec's masks restarted at each micro-batch: the dropout step fails on its micro-batches only", async () => {
    const { status, report } = await statuses(microBatchMasksRuntime, ['dropout-step']);
    expect(status).toEqual({ 'dropout-step': 'fail' });
    expect(report.rows[0]!.reason).toMatch(
      /with dropout 0\.3, micro-batches of 3 with a dropoutSeed: \d+ of \d+/,
    );
  });

  it('conv weights read as HWIO, or dense weights as [in, out], at the boundary: the round trip passes, eval forward fails', async () => {
    for (const kind of ['conv', 'dense'] as const) {
      const { status } = await statuses(
        () => swappedLayoutRuntime(kind),
        ['parameter-inventory', 'eval-forward'],
      );
      expect(status).toEqual({ 'parameter-inventory': 'pass', 'eval-forward': 'fail' });
    }
  });

  it('a tensor leaked per step: resource hygiene fails', async () => {
    const { status, report } = await statuses(leakingRuntime, ['resource-hygiene']);
    expect(status).toEqual({ 'resource-hygiene': 'fail' });
    expect(report.rows[0]!.reason).toMatch(/live memory grew across 20 steps/);
  });

  it('a peer runtime that misreads the checkpoint file fails the round trip; a correct peer passes', async () => {
    const cases = ['checkpoint-round-trip'];
    const bad = await runConformance(createReferenceRuntime, {
      ...options,
      cases,
      peers: [() => swappedLayoutRuntime('conv')],
    });
    expect(bad.rows[0]!.reason).toMatch(/eval logits of broken-conv-layout\/float64 loaded from the file/);
    const good = await runConformance(createReferenceRuntime, {
      ...options,
      cases,
      peers: [createReferenceRuntime],
    });
    expect(good.rows[0]!.status).toBe('pass');
  });

  it('an absent capability is a skip with its reason, never a silent pass', async () => {
    const { status, report } = await statuses(inferenceOnlyRuntime, [
      'eval-forward',
      'gradients',
      'train-step',
      'resource-hygiene',
    ]);
    expect(status).toEqual({
      'eval-forward': 'pass',
      gradients: 'skip',
      'train-step': 'skip',
      'resource-hygiene': 'skip',
    });
    expect(report.rows[2]!.reason).toBe('inference-only cannot train (supportsTraining is false)');
    expect(formatReport(report)).toMatch(
      /inference-only\/float64\s+resource-hygiene\s+skip\s+inference-only reports no memory/,
    );
  });

  it("a runtime that checks an input itself, with its own error, fails bad-input; the shared check's passes", async () => {
    const { status, report } = await statuses(ownLearningRateCheckRuntime, ['bad-input']);
    expect(status).toEqual({ 'bad-input': 'fail' });
    expect(report.rows[0]!.reason).toBe(
      'WRN-10-1 8x8 batch 2: trainStep with learningRate NaN threw RangeError: learning rate must be >= 0; ' +
        'expected InputError: ' +
        'trainStep(batch, options) for WRN-10-1: learningRate must be a finite number >= 0, got NaN; pass NCHW ' +
        'images of the spec input and one label in [0, numClasses - 1] per image, a finite learningRate >= 0 and a ' +
        'microBatchSize >= 1',
    );
    expect((await statuses(createReferenceRuntime, ['bad-input'])).status).toEqual({ 'bad-input': 'pass' });
  });
});
