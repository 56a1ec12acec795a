import { sleep } from "../../../src/clock";
import { runDigestJobProcess } from "../../../src/digest-job-process";
import { fastClock, fastTimeFromEnv, realMs } from "./fast-clock";

/** `npm run digest` exactly (digest-job-process.ts), on the test's fast clock. */
const time = fastTimeFromEnv(process.env);
const LEASE_MS = 60_000;
await runDigestJobProcess({
  clock: fastClock(time),
  claims: { leaseMs: LEASE_MS, renewEveryMs: realMs(time, LEASE_MS / 3) },
  sleep: (ms) => sleep(realMs(time, ms)),
  owner: process.env.E2E_OWNER,
});
