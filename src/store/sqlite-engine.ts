import { accessSync, constants, mkdirSync, type Stats, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { Kysely, SqliteDialect, sql } from "kysely";
import type Database from "libsql";
import { boundedCache } from "../bounded-cache";
import type { Engine } from "./engine";
import { DatabaseFileError, StoreError } from "./errors";
import type { StoreTables } from "./tables";

/**
 * SQLite through `libsql` (a Node-API addon: one install works on every Node version), in WAL
 * mode so the bot and `npm run digest` can share the file: readers never wait, a writer waits up
 * to BUSY_TIMEOUT_MS for another.
 */

export const BUSY_TIMEOUT_MS = 5_000;

const load = createRequire(import.meta.url);

/**
 * The driver, loaded when a SQLite store is opened, not when the bot starts: a bot on
 * PostgreSQL never loads it. A CommonJS addon, so it can be loaded where it is needed.
 *
 * libsql's loader (`@neon-rs/load`) learns whether Node runs on glibc or musl, to pick its
 * binary, from `process.report.getReport()`: a whole diagnostic report (every shared object,
 * handle and stack frame; 3–4 ms of every start) read for one header field. Where detect-libc
 * can tell from the ELF interpreter Node runs under (a 2 KB read), the loader is given that
 * answer instead, for the length of the `require` only; where it cannot, the report is made.
 */
const loadLibsql = (): typeof Database => {
  const driver = () => load("libsql") as typeof Database;
  const libc = load("detect-libc") as typeof import("detect-libc");
  const family = process.platform === "linux" ? libc.familySync() : null;
  if (family !== libc.GLIBC && family !== libc.MUSL) return driver();
  const report = process.report;
  const getReport = report.getReport;
  report.getReport = () =>
    ({ header: family === libc.GLIBC ? { glibcVersionRuntime: "from detect-libc" } : {} }) as never;
  try {
    return driver();
  } finally {
    report.getReport = getReport;
  }
};

type LibsqlDatabase = InstanceType<typeof Database>;

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
};

const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();

// libsql binds every JS number as a REAL and aborts the whole process on a boolean: hand it
// integers as BigInt, and refuse what it cannot bind with an error instead of a crash.
const bindable = (value: unknown): unknown => {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (
    value === null ||
    typeof value === "number" ||
    typeof value === "string" ||
    typeof value === "bigint" ||
    value instanceof Uint8Array
  ) {
    return value;
  }
  throw new TypeError(`SQLite cannot store a ${typeof value} parameter: ${String(value)}`);
};

// Blobs come back as ArrayBuffer; the rest of the store expects Uint8Array, as from pg.
const readable = (row: unknown): unknown => {
  if (row === null || typeof row !== "object") return row;
  const record = row as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (value instanceof ArrayBuffer) record[key] = new Uint8Array(value);
  }
  return record;
};

/**
 * The statements of the queries the bot keeps asking (a person's language, for most requests):
 * preparing one again costs more than running it. Kysely runs one query at a time on the one
 * connection, so a statement is never in use twice at once.
 */
const MAX_PREPARED = 200;

/** libsql's Database, shaped as the better-sqlite3 subset Kysely's SqliteDialect drives. */
const forKysely = (db: LibsqlDatabase) => {
  const prepared = boundedCache<string, ReturnType<LibsqlDatabase["prepare"]>>(MAX_PREPARED);
  return {
    close: () => db.close(),
    prepare: (text: string) => {
      const statement = prepared(text, () => db.prepare(text));
      return {
        get reader() {
          return statement.reader;
        },
        all: (parameters: ReadonlyArray<unknown>) =>
          (statement.all(parameters.map(bindable)) as unknown[]).map(readable),
        run: (parameters: ReadonlyArray<unknown>) =>
          statement.run(parameters.map(bindable)) as {
            changes: number | bigint;
            lastInsertRowid: number | bigint;
          },
        iterate: (parameters: ReadonlyArray<unknown>) => {
          const rows = statement.iterate(parameters.map(bindable)) as IterableIterator<unknown>;
          return (function* () {
            for (const row of rows) yield readable(row);
          })();
        },
      };
    },
  };
};

const statOrUndefined = (path: string, fail: (problem: string) => Error): Stats | undefined => {
  try {
    return statSync(path);
  } catch (error) {
    const code = codeOf(error);
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") {
      throw fail(
        "cannot be created: a file stands where one of the directories above it should be",
      );
    }
    throw fail(
      `cannot be reached (${code ?? oneLine(error)}): check the permissions of the directories above it`,
    );
  }
};

const problemOf = (error: unknown): string => {
  switch (codeOf(error)) {
    case "SQLITE_NOTADB":
      return "is not a SQLite database (damaged, or some other kind of file): restore it from a backup, or move it away to start with an empty store";
    case "SQLITE_CORRUPT":
      return "is damaged (SQLITE_CORRUPT): restore it from a backup, or move it away to start with an empty store";
    case "SQLITE_READONLY":
    case "SQLITE_PERM":
    case "SQLITE_CANTOPEN":
    case "SQLITE_AUTH":
      return `cannot be written (${codeOf(error)}: ${oneLine(error)}): the bot needs to read and write it and to create files beside it`;
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return `stayed locked by another process for over ${BUSY_TIMEOUT_MS / 1000} s (${codeOf(error)})`;
    default:
      return `cannot be used (${codeOf(error) ?? "error"}: ${oneLine(error)})`;
  }
};

/**
 * `DATABASE_PATH=:memory:`: a store that lives as long as the process and leaves nothing behind
 * (the demo's). Nothing in it survives a restart, so it is no place for real digests.
 */
export const IN_MEMORY = ":memory:";

/** Opens (creating it and its directory when missing) and checks the file; throws DatabaseFileError. */
export const openSqliteEngine = (configuredPath: string): Engine => {
  const inMemory = configuredPath === IN_MEMORY;
  const path = inMemory ? IN_MEMORY : resolve(configuredPath);
  const fail = (problem: string, cause?: unknown) =>
    new DatabaseFileError(path, problem, { cause });
  const stat = inMemory ? undefined : statOrUndefined(path, fail);
  if (stat?.isDirectory()) {
    throw fail("is a directory, not a database file: point DATABASE_PATH at a file inside it");
  }
  if (stat && !stat.isFile()) throw fail("is not a regular file: point DATABASE_PATH at a file");
  if (stat) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch (error) {
      throw fail(
        `cannot be read and written by this user (${codeOf(error) ?? "denied"}): fix its owner or permissions`,
        error,
      );
    }
  } else if (!inMemory) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw fail(
        `cannot be created: its directory cannot be made (${codeOf(error) ?? oneLine(error)})`,
        error,
      );
    }
  }

  let raw: LibsqlDatabase;
  try {
    const Libsql = loadLibsql();
    raw = new Libsql(path);
  } catch (error) {
    throw fail(
      `cannot be opened (${oneLine(error)}): the bot needs to read and write it and to create files beside it`,
      error,
    );
  }
  try {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reads the header: a file that is not a database fails here, before anything is written.
    const mode = raw.pragma("journal_mode = WAL") as { journal_mode?: string }[];
    if (mode[0]?.journal_mode !== (inMemory ? "memory" : "wal")) {
      throw fail(
        `cannot use write-ahead logging (journal mode ${mode[0]?.journal_mode}): put it on a local file system`,
      );
    }
    raw.pragma("synchronous = NORMAL"); // durable across a crash of the process; WAL keeps it consistent
    raw.pragma("foreign_keys = ON");
    const check = raw.pragma("quick_check(1)") as { quick_check?: string }[];
    if (check[0]?.quick_check !== "ok") {
      throw fail(
        `is damaged (${check[0]?.quick_check ?? "quick_check failed"}): restore it from a backup, or move it away to start with an empty store`,
      );
    }
  } catch (error) {
    raw.close();
    if (error instanceof DatabaseFileError) throw error;
    throw fail(problemOf(error), error);
  }

  const db = new Kysely<StoreTables>({ dialect: new SqliteDialect({ database: forKysely(raw) }) });
  return {
    kind: "sqlite",
    location: path,
    db,
    // One connection per process; BEGIN IMMEDIATE takes the file's write lock before reading,
    // so a read-then-write cannot be overtaken by another process.
    write: (fn) =>
      db.connection().execute(async (connection) => {
        await sql`begin immediate`.execute(connection);
        try {
          const result = await fn(connection);
          await sql`commit`.execute(connection);
          return result;
        } catch (error) {
          await sql`rollback`.execute(connection).catch(() => {});
          throw error;
        }
      }),
    isForeignKeyViolation: (error) => codeOf(error) === "SQLITE_CONSTRAINT_FOREIGNKEY",
    explain: (error) => (error instanceof StoreError ? error : fail(problemOf(error), error)),
    close: async () => {
      // Folds the write-ahead log into the file, so that the file alone holds everything once
      // the bot has stopped (libsql may keep the connection open until its statements are
      // collected, so closing does not reliably do it). Best effort: a busy reader may delay it.
      try {
        raw.pragma("wal_checkpoint(TRUNCATE)");
      } catch {}
      await db.destroy();
      if (raw.open) raw.close(); // Kysely closes it only when a query was ever run
    },
  };
};
