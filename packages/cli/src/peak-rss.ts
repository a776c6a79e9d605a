/**
 * The peak resident set size of this process so far, in MiB (2^20 bytes): `process.resourceUsage().maxRSS`, which
 * Node reports in kibibytes on every platform. It counts worker threads (they share the process) and never falls.
 *
 * @example
 * peakRssMegabytes(); // 412.6
 */
export function peakRssMegabytes(): number {
  return process.resourceUsage().maxRSS / 1024;
}
