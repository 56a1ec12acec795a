import type { Kysely } from "kysely";
import type { StoreError } from "./errors";
import type { StoreTables } from "./tables";

export type EngineKind = "sqlite" | "postgres";
export type Db = Kysely<StoreTables>;

/** One database behind the query layer, with what differs between engines kept here. */
export interface Engine {
  readonly kind: EngineKind;
  /** The file, or host:port/database: for messages, never with a password. */
  readonly location: string;
  readonly db: Db;
  /**
   * Runs `fn` as one write transaction. With `lockKey`, no other writer holding the same key, in
   * this process or any other, interleaves with it. SQLite takes the file's write lock up front
   * (`BEGIN IMMEDIATE`), which serializes every writer anyway; PostgreSQL takes a
   * transaction-scoped advisory lock on the key. Keep `fn` short, with no network call other
   * than the database's: it holds other writers back.
   */
  write<T>(fn: (tx: Db) => Promise<T>, lockKey?: string): Promise<T>;
  /** Whether `error` is a foreign-key violation (the row referred to is gone). */
  isForeignKeyViolation(error: unknown): boolean;
  /** The one-line StoreError that tells an operator what `error` means for this database. */
  explain(error: unknown): StoreError;
  close(): Promise<void>;
}
