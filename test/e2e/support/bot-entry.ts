import { runBotProcess } from "../../../src/bot-process";
import { fastClock, fastTimeFromEnv, realMs } from "./fast-clock";

/**
 * `npm start` exactly (bot-process.ts), on the test's fast clock: the store, the scheduler and
 * the claims' leases all keep that time; the scheduler ticks often enough in real time.
 */
const time = fastTimeFromEnv(process.env);
const LEASE_MS = 60_000;
await runBotProcess({
  clock: fastClock(time),
  schedule: { tickMs: realMs(time, 5_000) },
  claims: { leaseMs: LEASE_MS, renewEveryMs: realMs(time, LEASE_MS / 3) },
  owner: process.env.E2E_OWNER,
});
