import { defineConfig } from 'vitest/config';

/**
 * The unit suite runs twice, with the machine in UTC and in Asia/Shanghai: office time must be
 * cut in the office zone whatever the machine's own zone is.
 */
const unit = (name: string, tz: string, exclude: string[] = []) => ({
  test: {
    name,
    include: ['tests/unit/**/*.test.ts'],
    exclude,
    environment: 'node' as const,
    env: { TZ: tz, EXPECTED_TZ: tz },
    testTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      unit('unit', 'Asia/Shanghai'),
      // The second zone skips slow files whose times are checked elsewhere in both zones
      // (the LibreOffice round trip, the 25,000-line workbook, scrypt logins, HTTP, the import graph).
      unit('unit-utc', 'UTC', [
        'tests/unit/template-api.test.ts', 'tests/unit/daily-excel-large.test.ts', 'tests/unit/accounts.test.ts',
        'tests/unit/http.test.ts', 'tests/unit/http-boundaries.test.ts', 'tests/unit/architecture.test.ts',
      ]),
      // Crash, disk-full, corruption, backup-under-load and fuzz trials: slow, and zone-free, so once.
      {
        test: {
          name: 'safety',
          include: ['tests/safety/**/*.test.ts'],
          environment: 'node',
          env: { TZ: 'Asia/Shanghai' },
          testTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
