import { runDigestJobProcess } from "./digest-job-process";

/**
 * `npm run digest` (`node dist/digest-once.js`): every due digest once, then exit 0/1/2
 * (digest-job-process.ts). For a CronJob or systemd timer; any number of bot replicas and
 * retries post each slot at most once.
 */
await runDigestJobProcess();
