#!/usr/bin/env node
// `rungs` without a build step: registers tsx (resolved from this project's node_modules, next to this file)
// in this process, then runs the TypeScript CLI, which reads process.argv and sets process.exitCode.
import { register } from 'tsx/esm/api';

register();
await import('../sync-server/cli/main.ts');
