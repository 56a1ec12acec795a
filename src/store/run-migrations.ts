import type { Kysely } from "kysely";
import type { Clock } from "../clock";
import type { Engine } from "./engine";
import { DatabaseFileError, SchemaVersionError } from "./errors";
import { dialectOf, type Migration } from "./migrations/migration";

export interface MigrationReport {
  /** The schema version found (0: an empty database). */
  from: number;
  to: number;
  applied: { version: number; name: string }[];
}

// Every replica takes this one lock, so exactly one of several starting at once migrates and
// the others, waiting, find the work done.
const MIGRATION_LOCK = "slack-ticket-queue:schema-migrations";

const checkSequence = (list: readonly Migration[]) => {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
};

// A file that already holds other tables is somebody else's database: adding ours would mix two
// applications' data, and is almost always a DATABASE_PATH pointing at the wrong file.
// (On PostgreSQL a database shared with other applications is normal: not checked there.)
// biome-ignore lint/suspicious/noExplicitAny: the schema as found, before any migration
const refuseForeignSqliteFile = async (db: Kysely<any>, path: string) => {
  const tables = await db
    .selectFrom("sqlite_master")
    .select("name")
    .where("type", "=", "table")
    .where("name", "not like", "sqlite_%")
    .execute();
  const names = tables.map((t) => String(t.name));
  if (names.length > 0 && !names.includes("schema_migrations")) {
    throw new DatabaseFileError(
      path,
      `holds tables that are not this bot's (${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}): point DATABASE_PATH at a file of its own`,
    );
  }
};

/**
 * Whether a SQLite file is ours and already at the newest schema, read without a transaction:
 * the common start (every one but the first), which then needs no write lock, no schema
 * statement and no look at the other tables. One read: about 1 ms of a start, where the locked
 * path cost a few (and could wait for another process writing). Anything else, or any doubt,
 * takes the locked path, which decides.
 */
const sqliteUpToDate = async (engine: Engine, known: number): Promise<boolean> => {
  // biome-ignore lint/suspicious/noExplicitAny: the schema as found, before any migration
  const db = engine.db as unknown as Kysely<any>;
  try {
    const table = await db
      .selectFrom("sqlite_master")
      .select("name")
      .where("type", "=", "table")
      .where("name", "=", "schema_migrations")
      .execute();
    if (table.length === 0) return false;
    const done = await db.selectFrom("schema_migrations").select("version").execute();
    const versions = new Set(done.map((row) => Number(row.version)));
    return (
      versions.size === known &&
      Array.from({ length: known }, (_, i) => i + 1).every((v) => versions.has(v))
    );
  } catch {
    return false;
  }
};

/**
 * Brings the schema up to the newest migration in one transaction, under a lock that makes
 * replicas starting together take turns. A database newer than `list` is refused, untouched.
 */
export const runMigrations = async (
  engine: Engine,
  list: readonly Migration[],
  clock: Clock,
): Promise<MigrationReport> => {
  checkSequence(list);
  const known = list.length;
  if (engine.kind === "sqlite" && known > 0 && (await sqliteUpToDate(engine, known))) {
    return { from: known, to: known, applied: [] };
  }
  return engine.write(async (tx) => {
    // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's types
    const db = tx as unknown as Kysely<any>;
    if (engine.kind === "sqlite") await refuseForeignSqliteFile(db, engine.location);
    await db.schema
      .createTable("schema_migrations")
      .ifNotExists()
      .addColumn("version", "integer", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("applied_at", dialectOf(engine.kind).int64, (c) => c.notNull())
      .execute();
    const done = await db.selectFrom("schema_migrations").select("version").execute();
    const versions = new Set(done.map((row) => Number(row.version)));
    const from = Math.max(0, ...versions);
    if (from > known) throw new SchemaVersionError(engine.location, from, known);
    const pending = list.filter((m) => !versions.has(m.version));
    for (const migration of pending) {
      await migration.up(db, engine.kind);
      await db
        .insertInto("schema_migrations")
        .values({
          version: migration.version,
          name: migration.name,
          applied_at: clock.now().getTime(),
        })
        .execute();
    }
    return { from, to: known, applied: pending.map(({ version, name }) => ({ version, name })) };
  }, MIGRATION_LOCK);
};
