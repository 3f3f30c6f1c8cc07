import { defineConfig } from 'vitest/config';

/**
 * Three suites: unit (shared + app logic, node or happy-dom per file), server (the real Fastify
 * app through inject on real SQLite/PostgreSQL), e2e (the built app in real Chromium against a
 * real server). `npm test` builds first so e2e always runs against the current code.
 *
 * Shape for a 2-core machine (docs/testing.md says why): unit and server files share one pool of
 * two workers; the e2e files run after them, in a pool of their own (E2E_WORKERS, default 1), so
 * a Chromium and its server never compete with another for a core. Server processes run a copy
 * of the server compiled once per run (tests/global-setup.ts), not the sources through tsx.
 */
const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 1);

/** Waits on a condition fail when it never comes, not when a loaded machine is slow to bring it. */
const expect = { poll: { timeout: 10_000 } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          maxWorkers: 2,
          testTimeout: 30_000,
          expect,
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/global-setup.ts'],
          maxWorkers: 2,
          // Some files start the server as its own process, which takes long when loaded.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          expect,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: E2E_WORKERS,
          sequence: { groupOrder: 1 },
          expect,
        },
      },
    ],
  },
});
