import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker; most long tests wait on servers and databases, so two keep both cores busy.
    maxWorkers: 2,
  },
});
