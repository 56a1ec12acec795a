import { createRequire } from "node:module";
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
import { aDigest, LIMITS } from "../flows/store-fixture";
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

const latest = migrations.length;

const extra: Migration = {
  version: latest + 1,
  name: "a newer version's table",
  up: async (db) => {
    await db.schema.createTable("from_the_future").addColumn("x", "integer").execute();
  },
};

const broken: Migration = {
  version: latest + 1,
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
    expect(first.report).toEqual({
      from: 0,
      to: latest,
      applied: migrations.map(({ version, name }) => ({ version, name })),
    });
    expect(await first.store.schemaVersion()).toBe(latest);
    await first.store.close();
    const second = await openReporting(location);
    expect(second.report).toEqual({ from: latest, to: latest, applied: [] });
    await second.store.close();
  });

  it.runIf(engine.name === "sqlite")(
    "opens a file already up to date without its write lock, while another process writes",
    async () => {
      const location = await engine.fresh();
      if (location.engine !== "sqlite") return;
      await (await openReporting(location)).store.close();
      // Another process (`npm run digest`, a replica) in the middle of a write transaction.
      const Libsql = createRequire(import.meta.url)("libsql") as typeof import("libsql");
      const writer = new Libsql(location.path);
      writer.exec("BEGIN IMMEDIATE");
      let next: Awaited<ReturnType<typeof openReporting>> | undefined;
      try {
        next = await openReporting(location);
        expect(next.report).toEqual({ from: latest, to: latest, applied: [] });
      } finally {
        writer.exec("ROLLBACK");
        writer.close();
        // Closing checkpoints the log, which waits for the writer: after it is done.
        await next?.store.close();
      }
    },
  );

  it("refuses a database a newer version of the bot migrated, and leaves it untouched", async () => {
    const location = await engine.fresh();
    const newer = await openReporting(location, [...migrations, extra]);
    await newer.store.close();
    const refusal = openStore(location, silentLogger());
    await expect(refusal).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `has schema version ${latest + 1}, newer than this version of the bot knows \\(${latest}\\)`,
      ),
    );
    const again = await openReporting(location, [...migrations, extra]);
    expect(again.report).toEqual({ from: latest + 1, to: latest + 1, applied: [] });
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

  it("brings a database of schema 1 up to date, keeping its digests and runs", async () => {
    const location = await engine.fresh();
    const old = await openReporting(location, migrations.slice(0, 1));
    const made = await old.store.subscriptions.create(
      aDigest({ workspaceId: "T0AAAAAAA", channelId: "C0AAAAAAA" }),
      LIMITS,
    );
    if (!made.created) throw new Error("not created");
    const slot = new Date("2026-03-02T09:00:00Z");
    const claim = await old.store.runs.claimSlot(made.subscription.id, slot, "old", 60_000);
    if (!claim.claimed) throw new Error("not claimed");
    // Written as that version wrote it (today's outcome has a column schema 1 lacks).
    await old.store.runs.recordPosted(claim.claim, "1772440200.000100");
    await old.store.close();

    const now = await openReporting(location);
    expect(now.report?.applied.map((m) => m.version)).toEqual(
      migrations.slice(1).map((m) => m.version),
    );
    expect(await now.store.runs.lastRuns(made.subscription.id, 5)).toMatchObject([
      { messageTs: "1772440200.000100", failure: undefined },
    ]);
    // Its health starts with its next run.
    expect(await now.store.health.get(made.subscription.id)).toBeUndefined();
    await now.store.close();
  });

  it("migrates once when several processes start on a new database at the same moment", async () => {
    const location = await engine.fresh();
    const results = await race(
      Array.from({ length: 4 }, () => ({ action: "migrate" as const, location })),
    );
    expect(results.map((r) => r.error)).toEqual(Array(4).fill(undefined));
    expect(results.map((r) => r.applied).sort()).toEqual([
      [],
      [],
      [],
      migrations.map((m) => m.version),
    ]);
    const { store, report } = await openReporting(location);
    expect(report?.applied).toEqual([]);
    await store.close();
  });
});
