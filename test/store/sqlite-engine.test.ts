import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteEngine } from "../../src/store/sqlite-engine";
import { runScript } from "../support/run-script";

/** What the SQLite engine adds to the libsql driver underneath. */

const dir = mkdtempSync(join(tmpdir(), "tickets-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the SQLite engine", () => {
  it.runIf(process.platform === "linux")(
    "loads libsql without a diagnostic report, and leaves process.report as it found it",
    async () => {
      const { code, stdout, stderr } = await runScript(
        "test/store/support/open-counting-reports.ts",
        {},
      );
      expect(code, stderr).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ reports: 0, restored: true, opened: true });
    },
  );

  it("is in write-ahead-log mode, waits for other writers, and checks foreign keys", async () => {
    const engine = openSqliteEngine(join(dir, "modes.db"));
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(engine.db)).rows[0] as object)[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(await pragma("foreign_keys")).toBe(1);
    await engine.close();
  });

  it("binds whole numbers as integers (libsql alone binds every number as a real)", async () => {
    const engine = openSqliteEngine(join(dir, "types.db"));
    const { rows } = await sql<{ t: string }>`select typeof(${1_772_440_200_000}) as t`.execute(
      engine.db,
    );
    expect(rows).toEqual([{ t: "integer" }]);
    await engine.close();
  });

  it("refuses a value it cannot store with an error (libsql alone aborts the process on a boolean)", async () => {
    const engine = openSqliteEngine(join(dir, "refuse.db"));
    await expect(sql`select ${true} as b`.execute(engine.db)).rejects.toThrow(
      /SQLite cannot store a boolean parameter/,
    );
    await expect(sql`select ${new Date(0)} as d`.execute(engine.db)).rejects.toThrow(TypeError);
    await engine.close();
  });

  it("reads blobs as byte arrays", async () => {
    const engine = openSqliteEngine(join(dir, "blob.db"));
    const { rows } = await sql<{ b: unknown }>`select ${Uint8Array.from([1, 2, 3])} as b`.execute(
      engine.db,
    );
    expect(rows[0]?.b).toEqual(Uint8Array.from([1, 2, 3]));
    await engine.close();
  });

  it("runs a query again with new values and after the table under it changed (its statement is kept)", async () => {
    const engine = openSqliteEngine(join(dir, "kept.db"));
    await sql`create table t (k integer primary key, v text)`.execute(engine.db);
    await sql`insert into t (k, v) values (1, 'one'), (2, 'two')`.execute(engine.db);
    const read = async (k: number) =>
      (await sql<{ v: string }>`select v from t where k = ${k}`.execute(engine.db)).rows;
    expect(await read(1)).toEqual([{ v: "one" }]);
    expect(await read(2)).toEqual([{ v: "two" }]);
    await sql`alter table t add column w text`.execute(engine.db);
    await sql`update t set v = 'uno' where k = 1`.execute(engine.db);
    expect(await read(1)).toEqual([{ v: "uno" }]);
    expect(await read(3)).toEqual([]);
    await engine.close();
  });
});
