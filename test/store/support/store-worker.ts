import { createInterface } from "node:readline";
import { silentLogger } from "../../../src/logger";
import type { Engine } from "../../../src/store/engine";
import { migrations } from "../../../src/store/migrations";
import { openStore, type StoreLocation } from "../../../src/store/open-store";
import { openPostgresEngine } from "../../../src/store/postgres-engine";
import { runMigrations } from "../../../src/store/run-migrations";
import { openSqliteEngine } from "../../../src/store/sqlite-engine";

/**
 * One competitor in a race between real processes. It gets ready (connects), prints "ready",
 * waits for "go" on stdin so that every competitor starts at the same moment, does one thing,
 * and prints the outcome as one JSON line.
 */

export type WorkerTask =
  | { action: "migrate"; location: StoreLocation }
  | {
      action: "claim";
      location: StoreLocation;
      subscriptionId: number;
      slot: string;
      owner: string;
      leaseMs: number;
      retryFailed?: boolean;
    }
  | {
      action: "claim-notices";
      location: StoreLocation;
      subscriptionId: number;
      owner: string;
      leaseMs: number;
    }
  | {
      action: "create";
      location: StoreLocation;
      workspaceId: string;
      channelId: string;
      perChannel: number;
    };

const task = JSON.parse(process.argv[2] ?? "{}") as WorkerTask;
const logger = silentLogger();

const go = () =>
  new Promise<void>((resolve) => {
    process.stdout.write("ready\n");
    const lines = createInterface({ input: process.stdin });
    lines.once("line", () => {
      lines.close();
      resolve();
    });
  });

const answer = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

try {
  if (task.action === "migrate") {
    const engine: Engine =
      task.location.engine === "sqlite"
        ? openSqliteEngine(task.location.path)
        : await openPostgresEngine(task.location.url, logger);
    await go();
    const report = await runMigrations(engine, migrations, { now: () => new Date() });
    await engine.close();
    answer({ ok: true, applied: report.applied.map((m) => m.version) });
  } else {
    const store = await openStore(task.location, logger);
    await go();
    if (task.action === "claim") {
      const result = await store.runs.claimSlot(
        task.subscriptionId,
        new Date(task.slot),
        task.owner,
        task.leaseMs,
        { retryFailed: task.retryFailed },
      );
      answer({
        ok: true,
        claimed: result.claimed,
        attempt: result.claimed ? result.claim.attempt : undefined,
      });
    } else if (task.action === "claim-notices") {
      const result = await store.health.claimNotices(
        task.subscriptionId,
        task.owner,
        task.leaseMs,
        ["channel", "alerts"],
      );
      answer({ ok: true, claimed: result !== undefined, attempt: result?.claim.attempt });
    } else {
      const result = await store.subscriptions.create(
        {
          workspaceId: task.workspaceId,
          channelId: task.channelId,
          filters: { state: 2 },
          schedule: { cron: "0 9 * * *", timeZone: "UTC" },
          top: 10,
          overdueHours: 24,
          postWhenEmpty: false,
          language: "en",
          createdBy: "U0RACER",
        },
        { perChannel: task.perChannel, perWorkspace: 1000 },
      );
      answer({ ok: true, created: result.created });
    }
    await store.close();
  }
} catch (error) {
  answer({
    ok: false,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
}
