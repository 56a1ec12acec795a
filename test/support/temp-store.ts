import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { PreferencesPort } from "../../src/flows/ports";
import { silentLogger } from "../../src/logger";
import { openStore } from "../../src/store/open-store";
import type { Store } from "../../src/store/store";

/**
 * For a test file: `open()` gives a real store on a SQLite file in a fresh temporary directory;
 * every store a test opened is closed, and its directory removed, after it.
 */
export const useTempStore = () => {
  const opened: { store: Store; dir: string }[] = [];
  afterEach(async () => {
    for (const { store, dir } of opened.splice(0)) {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return async (): Promise<Store> => {
    const dir = mkdtempSync(join(tmpdir(), "tickets-prefs-"));
    const store = await openStore(
      { engine: "sqlite", path: join(dir, "tickets.db") },
      silentLogger(),
    );
    opened.push({ store, dir });
    return store;
  };
};

/**
 * A real store's preferences with faults put in front: reads (or writes) that fail while
 * `failing` says so, or that take `delayMs` first. What gets through is the store's own doing.
 */
export const withFaults = (
  real: PreferencesPort,
  faults: {
    readsFail?: () => boolean;
    writesFail?: () => boolean;
    readDelayMs?: () => number;
    /** Every read waits for this first. */
    readsWaitFor?: () => Promise<unknown>;
  },
): PreferencesPort & { reads: number } => {
  const port = {
    reads: 0,
    async get(workspaceId: string, userId: string) {
      port.reads += 1;
      const delay = faults.readDelayMs?.() ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      await faults.readsWaitFor?.();
      if (faults.readsFail?.()) throw new Error("database is unreachable (injected)");
      return real.get(workspaceId, userId);
    },
    async set(workspaceId: string, userId: string, preferences: { language: string }) {
      if (faults.writesFail?.()) throw new Error("database is unreachable (injected)");
      return real.set(workspaceId, userId, preferences);
    },
  };
  return port;
};
