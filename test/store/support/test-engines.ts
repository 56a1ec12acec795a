import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { StoreLocation } from "../../../src/store/open-store";

/**
 * The two real engines every contract test runs on: a SQLite file in a fresh temporary
 * directory, and a fresh database on the PostgreSQL server of the global setup.
 */

export interface TestEngine {
  name: "sqlite" | "postgres";
  /** Why this engine's tests are skipped, or undefined when they run. */
  skipped: string | undefined;
  /** A fresh, empty database. */
  fresh(): Promise<StoreLocation>;
  /** Removes every database `fresh` made. */
  cleanup(): Promise<void>;
}

export const sqliteTestEngine = (): TestEngine => {
  const dirs: string[] = [];
  return {
    name: "sqlite",
    skipped: undefined,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), "tickets-store-"));
      dirs.push(dir);
      return { engine: "sqlite", path: join(dir, "data", "tickets.db") };
    },
    cleanup: async () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
};

let counter = 0;

export const postgresTestEngine = (): TestEngine => {
  const adminUrl = inject("postgresUrl");
  const missing = inject("postgresMissing");
  const made: string[] = [];
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: "postgres",
    skipped: missing || undefined,
    fresh: async () => {
      counter += 1;
      const name = `store_test_${process.pid}_${counter}_${Date.now().toString(36)}`;
      await admin((c) => c.query(`create database ${name}`));
      made.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return { engine: "postgres", url: url.toString() };
    },
    cleanup: async () => {
      const names = made.splice(0);
      if (names.length === 0) return;
      await admin(async (c) => {
        for (const name of names) await c.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
};

export const testEngines = (): TestEngine[] => [sqliteTestEngine(), postgresTestEngine()];
