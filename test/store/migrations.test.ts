import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger";
import { SchemaVersionError } from "../../src/store/errors";
import { migrations } from "../../src/store/migrations";
import type { Migration } from "../../src/store/migrations/migration";
import { openStore, type StoreLocation } from "../../src/store/open-store";
import { openPostgresEngine } from "../../src/store/postgres-engine";
import type { MigrationReport } from "../../src/store/run-migrations";
import { openSqliteEngine } from "../../src/store/sqlite-engine";
import { race } from "./support/race";
import { testEngines } from "./support/test-engines";

const engines = testEngines();

const rawEngine = async (location: StoreLocation) =>
  location.engine === "sqlite"
    ? openSqliteEngine(location.path)
    : await openPostgresEngine(location.url, silentLogger());
afterAll(async () => {
  for (const engine of engines) await engine.cleanup();
});

const extra: Migration = {
  version: 2,
  name: "a newer version's table",
  up: async (db) => {
    await db.schema.createTable("from_the_future").addColumn("x", "integer").execute();
  },
};

const broken: Migration = {
  version: 2,
  name: "fails half way",
  up: async (db) => {
    await db.schema.createTable("half_done").addColumn("x", "integer").execute();
    await sql`select * from no_such_table`.execute(db);
  },
};

describe.each(engines)("migrations on $name", (engine) => {
  if (engine.skipped) {
    it.skip(`(${engine.name} not tested: ${engine.skipped})`, () => {});
    return;
  }

  const openReporting = async (location: StoreLocation, list = migrations) => {
    let report: MigrationReport | undefined;
    const store = await openStore(location, silentLogger(), {
      migrations: list,
      onMigrated: (r) => {
        report = r;
      },
    });
    return { store, report };
  };

  it("creates the schema on a new database, and leaves it alone afterwards", async () => {
    const location = await engine.fresh();
    const first = await openReporting(location);
    expect(first.report).toEqual({ from: 0, to: 1, applied: [{ version: 1, name: "initial" }] });
    expect(await first.store.schemaVersion()).toBe(1);
    await first.store.close();
    const second = await openReporting(location);
    expect(second.report).toEqual({ from: 1, to: 1, applied: [] });
    await second.store.close();
  });

  it("refuses a database a newer version of the bot migrated, and leaves it untouched", async () => {
    const location = await engine.fresh();
    const newer = await openReporting(location, [...migrations, extra]);
    await newer.store.close();
    const refusal = openStore(location, silentLogger());
    await expect(refusal).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(refusal).rejects.toThrow(
      /has schema version 2, newer than this version of the bot knows \(1\)/,
    );
    const again = await openReporting(location, [...migrations, extra]);
    expect(again.report).toEqual({ from: 2, to: 2, applied: [] });
    await again.store.close();
  });

  it("applies all pending migrations or none", async () => {
    const location = await engine.fresh();
    await expect(
      openStore(location, silentLogger(), { migrations: [...migrations, broken] }),
    ).rejects.toThrow(/no_such_table/);
    // Not even the first migration stayed: the next start begins from nothing, cleanly.
    const raw = await rawEngine(location);
    await expect(sql`select * from half_done`.execute(raw.db)).rejects.toThrow();
    await expect(sql`select * from subscriptions`.execute(raw.db)).rejects.toThrow();
    await raw.close();
    const next = await openReporting(location);
    expect(next.report?.from).toBe(0);
    await next.store.close();
  });

  it("migrates once when several processes start on a new database at the same moment", async () => {
    const location = await engine.fresh();
    const results = await race(
      Array.from({ length: 4 }, () => ({ action: "migrate" as const, location })),
    );
    expect(results.map((r) => r.error)).toEqual(Array(4).fill(undefined));
    expect(results.map((r) => r.applied).sort()).toEqual([[], [], [], [1]]);
    const { store, report } = await openReporting(location);
    expect(report?.applied).toEqual([]);
    await store.close();
  });
});
