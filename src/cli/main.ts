#!/usr/bin/env node
// Entry point of the `map-story` command (package.json "bin"); the logic is in cli.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  read: (path) => readFileSync(path, 'utf8'),
  write: (path, text) => writeFileSync(path, text),
});
