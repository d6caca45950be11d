import { defineConfig } from 'vitest/config';

/**
 * E2E files whose wall-clock guards ("no task blocks the UI for a second") only mean something
 * when no other browser competes for the two cores: they run after the others, one at a time.
 */
const RUN_ALONE = ['test/e2e/popup-fuzz.test.ts', 'test/e2e/panel-fuzz.test.ts', 'test/e2e/panel-heavy.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: RUN_ALONE,
          environment: 'node',
          // Each file launches its own browser; two cores allow two at once.
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e-alone',
          include: RUN_ALONE,
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // `npm run bench`: not part of `npm test` (a smoke run of it is, in test/e2e).
          name: 'bench',
          include: ['bench/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
