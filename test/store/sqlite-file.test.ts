import { spawn } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger";
import { DatabaseFileError } from "../../src/store/errors";
import { migrations } from "../../src/store/migrations";
import { openStore } from "../../src/store/open-store";

/**
 * A SQLite file the bot cannot use stops start-up with one line naming the file, and the file
 * is left as it was: never a silent, empty store in its place.
 */

const repo = resolve(import.meta.dirname, "../..");
const tsx = join(repo, "node_modules/.bin/tsx");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tickets-file-"));
  chmodSync(dir, 0o755); // reachable by the unprivileged user below
  dirs.push(dir);
  return dir;
};

const refusal = async (path: string) => {
  const error = await openStore({ engine: "sqlite", path }, silentLogger()).then(
    async (store) => {
      await store.close();
      throw new Error("the store opened");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseFileError);
  const message = (error as Error).message;
  expect(message).toContain(path);
  expect(message).toContain("DATABASE_PATH");
  expect(message).not.toContain("\n");
  return message;
};

const isRoot = process.getuid?.() === 0;

/**
 * Runs one of the package's scripts as a real process. `obeyFileModes` takes away root's power to
 * read and write any file whatever its mode (the DAC capabilities), so a file's mode counts for it
 * as for anyone: the same user, still able to reach the repository wherever it was cloned.
 */
const runScript = (
  script: string,
  env: Record<string, string>,
  options: { obeyFileModes?: boolean } = {},
): Promise<{ code: number | null; output: string }> =>
  new Promise((done, fail) => {
    const command = [tsx, join(repo, script)];
    const [file, ...args] = options.obeyFileModes
      ? ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", ...command]
      : command;
    const child = spawn(file ?? tsx, args, {
      cwd: tempDir(),
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.on("error", fail);
    let output = "";
    child.stdout.on("data", (c) => {
      output += c;
    });
    child.stderr.on("data", (c) => {
      output += c;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`${script} did not exit:\n${output}`));
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });

describe("a SQLite file that cannot be used", () => {
  it("holding garbage: refused, and left as it was", async () => {
    const path = join(tempDir(), "tickets.db");
    const garbage = Buffer.alloc(64 * 1024, "not a database, just bytes. ");
    writeFileSync(path, garbage);
    expect(await refusal(path)).toMatch(/is not a SQLite database/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it("damaged inside (a valid header, broken pages): refused", async () => {
    const path = join(tempDir(), "tickets.db");
    const store = await openStore({ engine: "sqlite", path }, silentLogger());
    for (let i = 0; i < 50; i++) {
      await store.preferences.set("T0AAAAAAA", `U0${i}`.padEnd(11, "X"), { language: "fa" });
    }
    await store.close();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize, bytes.length); // every page after the first
    writeFileSync(path, bytes);
    expect(await refusal(path)).toMatch(/damaged|not a SQLite database/);
  });

  it("a directory in its place: refused", async () => {
    const path = join(tempDir(), "tickets.db");
    mkdirSync(path);
    expect(await refusal(path)).toMatch(/is a directory, not a database file/);
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it("a file in the way of its directory: refused", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "data"), "a file, not a directory");
    expect(await refusal(join(dir, "data", "tickets.db"))).toMatch(
      /a file stands where one of the directories above it should be/,
    );
  });

  it("another application's database: refused, untouched", async () => {
    const path = join(tempDir(), "other.db");
    const other = new Database(path);
    other.exec("create table invoices (id integer primary key, total real)");
    other.close();
    expect(await refusal(path)).toMatch(/holds tables that are not this bot's \(invoices\)/);
    const check = new Database(path);
    const tables = check.prepare("select name from sqlite_master where type = 'table'").all();
    check.close();
    expect(tables).toEqual([{ name: "invoices" }]);
  });

  it("a new path, or an empty file, becomes a new store", async () => {
    const dir = tempDir();
    const nested = join(dir, "a", "b", "tickets.db");
    const store = await openStore({ engine: "sqlite", path: nested }, silentLogger());
    expect(await store.schemaVersion()).toBe(migrations.length);
    await store.close();
    const empty = join(dir, "empty.db");
    writeFileSync(empty, "");
    const fromEmpty = await openStore({ engine: "sqlite", path: empty }, silentLogger());
    expect(await fromEmpty.schemaVersion()).toBe(migrations.length);
    await fromEmpty.close();
  });

  // Root reads any file whatever its mode, so as root the refusal is shown by a process without
  // that privilege; as anyone else, by taking the permission away from oneself.
  const asUnprivileged = { obeyFileModes: isRoot };
  const take = (path: string, mode: number) => {
    chmodSync(path, mode);
  };

  it.each([
    ["can neither read nor write", 0o000],
    ["can read but not write", 0o444],
  ])(
    "a file this user %s: refused, in one line naming it (npm run migrate)",
    async (_what, mode) => {
      const path = join(tempDir(), "tickets.db");
      const store = await openStore({ engine: "sqlite", path }, silentLogger());
      await store.close();
      take(path, mode);
      const before = readFileSync(path);
      const result = await runScript("src/migrate.ts", { DATABASE_PATH: path }, asUnprivileged);
      expect(result.code).toBe(1);
      const lines = result.output.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /ERROR .*could not migrate: the database file .*tickets\.db \(DATABASE_PATH\) cannot be read and written by this user \(EACCES\)/,
      );
      expect(readFileSync(path).equals(before)).toBe(true);
    },
  );

  it("stops the bot's start-up in one line naming the file (npm start)", async () => {
    const path = join(tempDir(), "tickets.db");
    writeFileSync(path, Buffer.alloc(4096, 0x42));
    const result = await runScript("src/main.ts", {
      SLACK_BOT_TOKEN: "xoxb-store-start-token",
      SLACK_SIGNING_SECRET: "signing-secret",
      SLACK_API_URL: "http://127.0.0.1:1/api/",
      TICKET_API_URL: "http://127.0.0.1:1",
      TICKET_API_TOKEN: "panel-token",
      PORT: "1",
      DATABASE_PATH: path,
    });
    expect(result.code).toBe(1);
    const lines = result.output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `could not start: the database file ${path} (DATABASE_PATH) is not a SQLite database`,
    );
  });

  it("stops npm run digest in one line naming the file, before it posts anything", async () => {
    const path = join(tempDir(), "tickets.db");
    writeFileSync(path, Buffer.alloc(4096, 0x42));
    const result = await runScript("src/digest-once.ts", {
      SLACK_BOT_TOKEN: "xoxb-store-digest-token",
      SLACK_API_URL: "http://127.0.0.1:1/api/",
      TICKET_API_URL: "http://127.0.0.1:1",
      TICKET_API_TOKEN: "panel-token",
      DATABASE_PATH: path,
    });
    expect(result.code).toBe(1);
    const lines = result.output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `the database file ${path} (DATABASE_PATH) is not a SQLite database`,
    );
  });

  it(":memory: is a store of the process alone, leaving no file behind", async () => {
    const store = await openStore({ engine: "sqlite", path: ":memory:" }, silentLogger());
    expect(store.location).toBe(":memory:");
    expect(await store.schemaVersion()).toBe(migrations.length);
    await store.close();
    const again = await openStore({ engine: "sqlite", path: ":memory:" }, silentLogger());
    expect(await again.subscriptions.listAll()).toEqual([]);
    await again.close();
    // Not a file called ":memory:" in the working directory, as a path would have been.
    expect(readdirSync(process.cwd()).filter((name) => name.includes("memory"))).toEqual([]);
  });
});

describe("npm run migrate", () => {
  it("creates the store where DATABASE_PATH says, then finds it up to date", async () => {
    const path = join(tempDir(), "state", "tickets.db");
    const first = await runScript("src/migrate.ts", { DATABASE_PATH: path });
    expect(first.code).toBe(0);
    expect(first.output).toContain(`migrated from schema 0 to ${migrations.length}`);
    expect(first.output).toContain(`${path} is at schema version ${migrations.length}`);
    const second = await runScript("src/migrate.ts", { DATABASE_PATH: path });
    expect(second.code).toBe(0);
    expect(second.output).not.toMatch(/migrated/);
    expect(second.output).toContain(`is at schema version ${migrations.length}`);
  });

  it("uses ./data/tickets.db in the working directory by default", async () => {
    const result = await runScript("src/migrate.ts", {});
    expect(result.code).toBe(0);
    expect(result.output).toContain(`/data/tickets.db is at schema version ${migrations.length}`);
  });

  it("exits 2 naming DATABASE_URL when it is not a PostgreSQL URL, printing no password", async () => {
    const result = await runScript("src/migrate.ts", {
      DATABASE_URL: "mysql://bot:hunter2secret@db/tickets",
    });
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    expect(result.output).not.toContain("hunter2secret");
  });

  it("exits 1 in one line naming the server when PostgreSQL cannot be reached, printing no password", async () => {
    const result = await runScript("src/migrate.ts", {
      DATABASE_URL: "postgres://bot:hunter2secret@127.0.0.1:1/tickets",
    });
    expect(result.code).toBe(1);
    const lines = result.output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /could not migrate: could not use PostgreSQL at 127\.0\.0\.1:1\/tickets \(DATABASE_URL\): .*ECONNREFUSED/,
    );
    expect(result.output).not.toContain("hunter2secret");
  });
});
