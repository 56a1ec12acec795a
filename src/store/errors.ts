/**
 * Why the store could not be used. Each message is one line an operator can act on: it names the
 * file or the server and the setting that points there, never a password.
 */
export abstract class StoreError extends Error {}

/** Messages from SQLite's checks and from servers can span lines; a log line must not. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** The SQLite file is missing its directory, unreadable, not a database, damaged, or not ours. */
export class DatabaseFileError extends StoreError {
  override readonly name = "DatabaseFileError";
  constructor(
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`the database file ${path} (DATABASE_PATH) ${oneLine(problem)}`, options);
  }
}

/** PostgreSQL could not be reached, or refused the bot. */
export class DatabaseConnectionError extends StoreError {
  override readonly name = "DatabaseConnectionError";
  constructor(
    readonly where: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`could not use PostgreSQL at ${where} (DATABASE_URL): ${oneLine(problem)}`, options);
  }
}

/** The database was migrated by a newer version of the bot than this one. */
export class SchemaVersionError extends StoreError {
  override readonly name = "SchemaVersionError";
  constructor(
    readonly where: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${where} has schema version ${found}, newer than this version of the bot knows (${known}): run the newer version, or restore a backup taken before it was upgraded`,
    );
  }
}

/** A value in the database this version cannot read: damaged, or written by something else. */
export class StoredDataError extends StoreError {
  override readonly name = "StoredDataError";
  constructor(what: string, problem: string) {
    super(`${what} in the store cannot be read: ${oneLine(problem)}`);
  }
}
