#!/usr/bin/env node
import { main } from './main.js';

const io = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

process.exitCode = await main(process.argv.slice(2), io);
