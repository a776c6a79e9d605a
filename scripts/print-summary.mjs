#!/usr/bin/env node
// Prints a model summary (layers, parameters, multiply-accumulates): `node scripts/print-summary.mjs WRN-28-10`.
// The `wrn summary` command of @wrn/cli replaces this once it exists.
import { formatSummary, parseModelName, summarize } from '@wrn/spec';

console.log(formatSummary(summarize(parseModelName(process.argv[2] ?? 'WRN-28-10'))));
