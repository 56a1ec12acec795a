import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger";
import { DatabaseConnectionError } from "../../src/store/errors";
import { openStore } from "../../src/store/open-store";
import { describePostgresUrl } from "../../src/store/postgres-engine";
import { postgresTestEngine } from "./support/test-engines";

const engine = postgresTestEngine();
afterAll(() => engine.cleanup());

describe("where PostgreSQL is, for messages", () => {
  it.each([
    ["postgres://bot:pw@db.internal:6543/tickets", "db.internal:6543/tickets"],
    ["postgresql://db/tickets?sslmode=require", "db:5432/tickets"],
    ["postgres://bot:pw@db.internal", "db.internal:5432/(default database)"],
  ])("%s is %s, without user or password", (url, where) => {
    expect(describePostgresUrl(url)).toBe(where);
  });
});

describe.skipIf(engine.skipped)("a PostgreSQL server that refuses", () => {
  it("a database that does not exist stops start-up in one line naming it", async () => {
    const location = await engine.fresh();
    if (location.engine !== "postgres") throw new Error("not postgres");
    const missing = new URL(location.url);
    missing.pathname = "/no_such_database";
    missing.password = "hunter2secret";
    const error = await openStore(
      { engine: "postgres", url: missing.toString() },
      silentLogger(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseConnectionError);
    expect((error as Error).message).toMatch(
      /^could not use PostgreSQL at 127\.0\.0\.1:\d+\/no_such_database \(DATABASE_URL\): database "no_such_database" does not exist$/,
    );
    expect((error as Error).message).not.toContain("hunter2secret");
  });
});
