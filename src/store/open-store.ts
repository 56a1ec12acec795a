import { type Clock, systemClock } from "../clock";
import type { Logger } from "../logger";
import type { Engine } from "./engine";
import { migrations as allMigrations } from "./migrations";
import type { Migration } from "./migrations/migration";
import { openPostgresEngine } from "./postgres-engine";
import { healthRepository } from "./repositories/health";
import { preferenceRepository } from "./repositories/preferences";
import { runRepository } from "./repositories/runs";
import { snapshotRepository } from "./repositories/snapshots";
import { subscriptionRepository } from "./repositories/subscriptions";
import { viewRepository } from "./repositories/views";
import { type MigrationReport, runMigrations } from "./run-migrations";
import { openSqliteEngine } from "./sqlite-engine";
import type { Store } from "./store";

/** Where the data lives, as the configuration says: a SQLite file, or a PostgreSQL URL. */
export type StoreLocation =
  | { engine: "sqlite"; path: string }
  | { engine: "postgres"; url: string };

export interface OpenStoreOptions {
  clock?: Clock;
  /** Tests only: a different list of migrations. */
  migrations?: readonly Migration[];
  /** Told what migrating did, before the store is handed out. */
  onMigrated?: (report: MigrationReport) => void;
}

const engineFor = async (location: StoreLocation, logger: Logger): Promise<Engine> =>
  location.engine === "sqlite"
    ? openSqliteEngine(location.path)
    : openPostgresEngine(location.url, logger);

/**
 * Opens the store and brings its schema up to date. Throws a StoreError with a one-line message
 * when the database cannot be used: a damaged or unreadable file stops start-up instead of
 * becoming an empty store.
 */
export const openStore = async (
  location: StoreLocation,
  logger: Logger,
  options: OpenStoreOptions = {},
): Promise<Store> => {
  const clock = options.clock ?? systemClock;
  const engine = await engineFor(location, logger);
  try {
    const report = await runMigrations(engine, options.migrations ?? allMigrations, clock);
    options.onMigrated?.(report);
    if (report.applied.length > 0) {
      logger.info(
        `store: ${engine.kind === "sqlite" ? "SQLite file" : "PostgreSQL"} ${engine.location} migrated from schema ${report.from} to ${report.to}`,
      );
    } else {
      logger.debug(`store: ${engine.location} at schema ${report.to}`);
    }
  } catch (error) {
    await engine.close().catch(() => {});
    throw engine.explain(error);
  }
  return createStore(engine, clock);
};

const createStore = (engine: Engine, clock: Clock): Store => {
  let closed: Promise<void> | undefined;
  return {
    engine: engine.kind,
    location: engine.location,
    subscriptions: subscriptionRepository(engine, clock),
    runs: runRepository(engine, clock),
    snapshots: snapshotRepository(engine),
    health: healthRepository(engine, clock),
    preferences: preferenceRepository(engine, clock),
    views: viewRepository(engine, clock),
    schemaVersion: async () => {
      const row = await engine.db
        .selectFrom("schema_migrations")
        .select((eb) => eb.fn.max("version").as("version"))
        .executeTakeFirst();
      return Number(row?.version ?? 0);
    },
    ping: async () => {
      await engine.db.selectFrom("change_counters").select("version").limit(1).execute();
    },
    close: () => {
      closed ??= engine.close();
      return closed;
    },
  };
};
