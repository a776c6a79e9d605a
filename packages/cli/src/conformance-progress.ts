/**
 * One finished case as a line: runtime, case, spec entry, status, seconds, and a failure's reason.
 *
 * @example
 * progressLine({ runtime: 'tfjs', backend: 'wasm', case: 'train-step', spec: 'WRN-10-1 paper B(3,3) 8x8 batch 3', status: 'pass', milliseconds: 412 });
 * // 'tfjs/wasm  train-step  WRN-10-1 paper B(3,3) 8x8 batch 3  pass  0.4 s'
 */
export function progressLine(finished: {
  runtime: string;
  backend?: string;
  case: string;
  spec: string;
  status: string;
  reason?: string;
  milliseconds: number;
}): string {
  const label = finished.backend ? `${finished.runtime}/${finished.backend}` : finished.runtime;
  const seconds = `${(finished.milliseconds / 1000).toFixed(1)} s`;
  const reason = finished.status === 'fail' && finished.reason ? `  ${finished.reason}` : '';
  return `${label}  ${finished.case}  ${finished.spec}  ${finished.status}  ${seconds}${reason}`;
}
