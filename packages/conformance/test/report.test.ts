import { createReferenceRuntime } from '@wrn/runtime-reference';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CASES, formatReport, runConformance, specMatrix } from '../src/index.js';

const firstSpec = specMatrix('quick').slice(0, 1);

describe('runConformance and formatReport outside vitest', () => {
  it('a float32-rounding reference passes every case at the default float32 tolerance (1e-4, 1e-4)', async () => {
    const runtime = () => createReferenceRuntime({ precision: 'float32' });
    const report = await runConformance(runtime, { specs: firstSpec });
    expect(report.rows.map((row) => `${row.case}: ${row.status} ${row.reason ?? ''}`.trim())).toEqual(
      CONFORMANCE_CASES.map((c) => `${c.id}: pass`),
    );
  });

  it('reports runtime x case with exclusions as skips carrying their reason, as a table and as JSON', async () => {
    const exclude = [{ case: 'train-step', reason: 'known bug #12' }];
    const report = await runConformance([() => createReferenceRuntime()], {
      specs: firstSpec,
      cases: ['eval-forward', 'train-step'],
      exclude,
    });
    expect(report).toMatchObject({ passed: 1, failed: 0, skipped: 1 });
    expect(report.rows[1]).toMatchObject({
      runtime: 'reference',
      backend: 'float64',
      case: 'train-step',
      status: 'skip',
      reason: 'excluded: known bug #12',
    });
    const table = formatReport(report).split('\n');
    expect(table[0]).toMatch(/^runtime\s+case\s+status\s+reason$/);
    expect(table[2]).toMatch(/^reference\/float64\s+eval-forward\s+pass$/);
    expect(table.at(-1)).toBe('1 passed, 0 failed, 1 skipped');
    expect(JSON.parse(formatReport(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('an exclusion narrowed to one spec skips that entry only', async () => {
    const specs = specMatrix('quick').slice(0, 2);
    const exclude = [{ case: 'eval-forward', reason: 'known bug #7', spec: specs[1]!.name }];
    const report = await runConformance(() => createReferenceRuntime(), {
      specs,
      cases: ['eval-forward'],
      exclude,
    });
    expect(report.rows[0]).toMatchObject({
      status: 'pass',
      reason: '1 of 2 specs skipped: excluded: known bug #7',
    });
    expect(report.rows[0]!.entries.map((entry) => entry.status)).toEqual(['pass', 'skip']);
  });

  it('tells onCase of each case as it finishes and disposes each runtime before the next one starts', async () => {
    const events: string[] = [];
    const tracked = (label: string) => () => {
      events.push(`create ${label}`);
      return { ...createReferenceRuntime(), dispose: () => void events.push(`dispose ${label}`) };
    };
    await runConformance([tracked('first'), tracked('second')], {
      specs: firstSpec,
      cases: ['eval-forward', 'batch-independence'],
      onCase: (finished) => events.push(`${finished.case} ${finished.status} ${finished.spec}`),
    });
    const case_ = (id: string) => `${id} pass ${firstSpec[0]!.name}`;
    expect(events).toEqual([
      'create first',
      case_('eval-forward'),
      case_('batch-independence'),
      'dispose first',
      'create second',
      case_('eval-forward'),
      case_('batch-independence'),
      'dispose second',
    ]);
  });

  it('applies exclusions and time limits to their backend only; a case over its limit fails with its time', async () => {
    const report = await runConformance(() => createReferenceRuntime(), {
      specs: firstSpec,
      cases: ['eval-forward', 'batch-independence'],
      exclude: [{ case: 'batch-independence', backend: 'another', reason: 'not this backend' }],
      timeLimits: [
        { case: 'eval-forward', milliseconds: 0.001, reason: 'impossibly short' },
        { case: 'batch-independence', backend: 'another', milliseconds: 0.001, reason: 'not this backend' },
      ],
    });
    expect(report.rows.map((row) => [row.case, row.status])).toEqual([
      ['eval-forward', 'fail'],
      ['batch-independence', 'pass'],
    ]);
    expect(report.rows[0]!.reason).toMatch(/took \d+\.\d s, over its 0\.0 s time limit \(impossibly short\)/);
  });

  it('a runtime that cannot be created fails every case with the reason', async () => {
    const broken = () => Promise.reject(new Error('no GPU adapter'));
    const report = await runConformance(broken, { specs: firstSpec });
    expect(report.failed).toBe(CONFORMANCE_CASES.length);
    expect(report.rows[0]!.reason).toBe('the runtime could not be created: no GPU adapter');
  });

  it('rejects an exclusion without a reason and an unknown case id', async () => {
    const runtime = () => createReferenceRuntime();
    await expect(runConformance(runtime, { exclude: [{ case: 'gradients', reason: ' ' }] })).rejects.toThrow(
      TypeError,
    );
    await expect(runConformance(runtime, { cases: ['gradient'] })).rejects.toThrow(
      /unknown conformance case 'gradient'/,
    );
  });
});
