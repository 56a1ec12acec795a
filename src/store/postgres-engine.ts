import { Kysely, PostgresDialect, sql } from "kysely";
import type pg from "pg";
import type { Logger } from "../logger";
import type { Engine } from "./engine";
import { DatabaseConnectionError, StoreError } from "./errors";
import type { StoreTables } from "./tables";

/** PostgreSQL through `pg`, for several replicas sharing one database. */

const POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;
// Waiting longer than this for another replica's write (a migration, say) is a failure.
const LOCK_TIMEOUT = "60s";

const INT8_OID = 20;
// Counts and epoch milliseconds arrive as int8, which pg hands over as strings; every int8 the
// store keeps is far below 2^53, so a number is exact.
const typesOf = (driver: typeof pg) => ({
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : driver.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
});

/** host:port/database, without user or password. */
export const describePostgresUrl = (url: string): string => {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get("host") || "localhost";
    return `${host}:${u.port || "5432"}/${decodeURIComponent(u.pathname.slice(1)) || "(default database)"}`;
  } catch {
    return "(unparsable DATABASE_URL)";
  }
};

const problemOf = (error: unknown): string => {
  // Node reports a refused connection to every address of a name as an AggregateError with no message.
  const inner =
    error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const code = (inner as { code?: unknown } | undefined)?.code;
  const message = inner instanceof Error ? inner.message : String(inner);
  return (message || (typeof code === "string" ? code : "unknown error")).replace(/\s+/g, " ");
};

/** Connects once to prove the server answers; throws DatabaseConnectionError when it does not. */
export const openPostgresEngine = async (url: string, logger: Logger): Promise<Engine> => {
  const where = describePostgresUrl(url);
  // Loaded when a PostgreSQL store is opened: a bot on SQLite never loads it.
  const { default: driver } = await import("pg");
  const pool = new driver.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: typesOf(driver),
  });
  // An idle connection dropped by the server must not take the process down; the pool replaces it.
  pool.on("error", (error) => {
    logger.warn(`PostgreSQL at ${where} dropped a connection: ${problemOf(error)}`);
  });
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseConnectionError(where, problemOf(error), { cause: error });
  }
  const db = new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    location: where,
    db,
    write: (fn, lockKey) =>
      db.transaction().execute(async (tx) => {
        if (lockKey !== undefined) {
          await sql`select set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`.execute(tx);
          await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(tx);
        }
        return fn(tx);
      }),
    isForeignKeyViolation: (error) => (error as { code?: unknown } | undefined)?.code === "23503",
    explain: (error) =>
      error instanceof StoreError
        ? error
        : new DatabaseConnectionError(where, problemOf(error), { cause: error }),
    close: () => db.destroy(),
  };
};
