import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBotConfig, loadStoreConfig, secretsOf } from "../../src/config";
import { BOT_ENV, problemsOf } from "./config-support";

/** DATABASE_PATH and DATABASE_URL: where the store is. */

const bot = BOT_ENV;

describe("the store's settings", () => {
  it("default to the SQLite file ./data/tickets.db, a blank value counting as unset", () => {
    expect(loadBotConfig(bot).store).toEqual({ engine: "sqlite", path: "./data/tickets.db" });
    expect(loadStoreConfig({ DATABASE_PATH: "  ", DATABASE_URL: "" }).store).toEqual({
      engine: "sqlite",
      path: "./data/tickets.db",
    });
  });

  it("move the SQLite file with DATABASE_PATH", () => {
    expect(loadBotConfig({ ...bot, DATABASE_PATH: " /var/lib/tickets/bot.db " }).store).toEqual({
      engine: "sqlite",
      path: "/var/lib/tickets/bot.db",
    });
  });

  it.each([
    "postgres://bot:pw@db.internal:5432/tickets",
    "postgresql://db/tickets?sslmode=require",
  ])("choose PostgreSQL with DATABASE_URL=%s, which wins over DATABASE_PATH", (url) => {
    expect(loadStoreConfig({ DATABASE_URL: url, DATABASE_PATH: "./x.db" }).store).toEqual({
      engine: "postgres",
      url,
    });
  });

  it.each(["mysql://bot:s3cret-pw@db/tickets", "file:./tickets.db", "not a url s3cret-pw"])(
    "refuse DATABASE_URL=%s by name, without printing it",
    (url) => {
      const problems = problemsOf(() => loadBotConfig({ ...bot, DATABASE_URL: url }));
      expect(problems).toEqual([
        "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@db.example.com:5432/tickets (for SQLite, set DATABASE_PATH instead)",
      ]);
      expect(problems.join()).not.toContain("s3cret-pw");
    },
  );

  it("hide DATABASE_URL's password from the logs", () => {
    const config = loadBotConfig({
      ...bot,
      DATABASE_URL: "postgres://bot:p%40ss%3Aword@db/tickets",
    });
    expect(secretsOf(config)).toContain("p@ss:word");
    expect(secretsOf(loadStoreConfig({ DATABASE_URL: "postgres://db/tickets" }))).toEqual([]);
  });

  it("can come from DATABASE_URL_FILE, a mounted secret", () => {
    const dir = mkdtempSync(join(tmpdir(), "db-url-"));
    const file = join(dir, "database_url");
    writeFileSync(file, "postgres://bot:pw@db/tickets\n");
    expect(loadStoreConfig({ DATABASE_URL_FILE: file }).store).toEqual({
      engine: "postgres",
      url: "postgres://bot:pw@db/tickets",
    });
  });

  it("for npm run migrate, need nothing else", () => {
    expect(loadStoreConfig({ LOG_LEVEL: "debug" })).toEqual({
      store: { engine: "sqlite", path: "./data/tickets.db" },
      log: { level: "debug", format: "text" },
    });
  });
});
