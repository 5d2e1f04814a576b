import { defineConfig } from 'vitest/config';

// The adversarial suite (issue 7, docs/robustness.md): `npm run test:faults`, run by .ci/run.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
