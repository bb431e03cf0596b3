#!/usr/bin/env node
// `rungs`: the built CLI (dist/server/rungs.js, from `npm run build`) while every source file it was built from is
// unchanged, since it starts three times faster; otherwise the TypeScript sources themselves, through tsx
// (resolved from this project's node_modules, next to this file), so no build step is needed and an edit counts at
// once. Either reads process.argv and sets process.exitCode.
import { readFileSync, statSync } from 'node:fs';

const project = new URL('../', import.meta.url);
const built = new URL('dist/server/rungs.js', project);

/** Whether the build's record of its inputs (sync-server/build.ts) still matches every one of those files. */
function buildIsCurrent() {
  let files;
  try {
    files = JSON.parse(readFileSync(new URL('dist/server/inputs.json', project), 'utf8')).files;
    statSync(built);
  } catch {
    return false;
  }
  for (const [file, recorded] of Object.entries(files)) {
    const now = statSync(new URL(file, project), { throwIfNoEntry: false });
    if (!now || now.size !== recorded.size || now.mtimeMs !== recorded.mtimeMs) return false;
  }
  return true;
}

if (buildIsCurrent()) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../sync-server/cli/main.ts');
}
