#!/usr/bin/env node
// Entry point of the `earshot` command: runs the TypeScript sources directly through tsx's loader,
// so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
