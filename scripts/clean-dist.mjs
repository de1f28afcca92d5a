#!/usr/bin/env node
// Removes dist/ before a build, so no file of an earlier build is packed or served.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
