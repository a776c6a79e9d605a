import type { DownloadProgress } from './fetch-file.js';

/**
 * A progress reporter that rewrites one stderr line (at most once per whole percent) when stderr is a terminal,
 * and stays silent otherwise so logs and pipes are not flooded.
 *
 * @example
 * const report = terminalProgress('Downloading cifar10');
 * report({ receivedBytes: 1e6, totalBytes: 1.7e8 });
 */
export function terminalProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): (progress: DownloadProgress) => void {
  if (!stream.isTTY) return () => undefined;
  let lastPercent = -1;
  return ({ receivedBytes, totalBytes }) => {
    const megabytes = (receivedBytes / 1e6).toFixed(1);
    if (totalBytes === undefined || totalBytes === 0) {
      stream.write(`\r${label}: ${megabytes} MB`);
      return;
    }
    const percent = Math.floor((100 * receivedBytes) / totalBytes);
    if (percent === lastPercent) return;
    lastPercent = percent;
    stream.write(
      `\r${label}: ${megabytes} / ${(totalBytes / 1e6).toFixed(1)} MB (${percent}%)${percent === 100 ? '\n' : ''}`,
    );
  };
}
