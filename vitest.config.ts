import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A hang detector, not a speed limit: tests that start several real processes (each loading
    // TypeScript through tsx) took over 15 s on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 15_000,
    // Two cores: more workers only fight over them.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "app",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/store/**", "test/e2e/**"],
        },
      },
      {
        // The store's tests run on SQLite and on a throwaway PostgreSQL server, started only
        // when one of them is in the run (test/support/postgres-global-setup.ts); so do the
        // end-to-end tests of digests across real processes.
        extends: true,
        test: {
          name: "store",
          include: ["test/store/**/*.test.ts", "test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/postgres-global-setup.ts"],
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
