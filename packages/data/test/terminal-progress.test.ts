import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../src/terminal-progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return {
    stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream,
    written,
  };
}

describe('terminalProgress', () => {
  it('rewrites one line at most once per percent on a terminal', () => {
    const { stream, written } = fakeStream(true);
    const report = terminalProgress('Downloading cifar10', stream);
    for (const received of [0, 1e6, 1.5e6, 2e6, 100e6])
      report({ receivedBytes: received, totalBytes: 100e6 });
    expect(written).toEqual([
      '\rDownloading cifar10: 0.0 / 100.0 MB (0%)',
      '\rDownloading cifar10: 1.0 / 100.0 MB (1%)',
      '\rDownloading cifar10: 2.0 / 100.0 MB (2%)',
      '\rDownloading cifar10: 100.0 / 100.0 MB (100%)\n',
    ]);
  });

  it('stays silent when stderr is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    terminalProgress('x', stream)({ receivedBytes: 5, totalBytes: 10 });
    expect(written).toEqual([]);
  });
});
