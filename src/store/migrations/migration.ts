import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from "kysely";
import { sql } from "kysely";
import type { EngineKind } from "../engine";

/**
 * One step of the schema. A migration that has been released is never edited: a change is a new
 * migration with the next version. `up` runs inside the migration transaction, on either engine.
 */
export interface Migration {
  version: number;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  up(db: Kysely<any>, kind: EngineKind): Promise<void>;
}

/** Column types and table options that differ between the engines; everything else is shared. */
export const dialectOf = (kind: EngineKind) => ({
  /** Epoch milliseconds and counters (SQLite's INTEGER is 64-bit already). */
  int64: kind === "postgres" ? ("bigint" as const) : ("integer" as const),
  bytes: kind === "postgres" ? ("bytea" as const) : ("blob" as const),
  /** Ids that are never reused, so a stale button cannot reach a newer row. */
  identity: (column: ColumnDefinitionBuilder) =>
    kind === "postgres"
      ? column.primaryKey().generatedByDefaultAsIdentity()
      : column.primaryKey().autoIncrement(),
  /** SQLite checks column types only in STRICT tables. */
  // biome-ignore lint/suspicious/noExplicitAny: any table under construction
  table: <T extends CreateTableBuilder<any, any>>(builder: T): T =>
    kind === "sqlite" ? (builder.modifyEnd(sql`strict`) as T) : builder,
});

/** `column in (0, 1)`: the store's booleans. */
export const isFlag = (column: string) => sql`${sql.ref(column)} in (0, 1)`;
