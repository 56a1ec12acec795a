import { parseArgs } from "node:util";
import type { Clock } from "./clock";
import { loadDigestJobConfig, secretsOf } from "./config";
import { type DigestJobRequest, runDigestJob } from "./flows/digest-job";
import { createLogger } from "./logger";
import { createWebClient } from "./slack/web-client-options";
import { openStoreOrExit, settingsOrExit, startupFailure } from "./startup";
import { buildServices } from "./wiring";

/**
 * `npm run digest` as a process: every due digest slot once, then exit. 0: done (also when
 * nothing was due or nothing waited); 1: a digest could not be built or posted (a retry posts
 * only what was not posted), or the store or Slack could not be used; 2: settings or arguments.
 * `options` are for tests that run the real process on a faster clock.
 */
export interface DigestJobProcessOptions {
  clock?: Clock;
  claims?: { leaseMs?: number; renewEveryMs?: number };
  /** Real time to wait for `ms` of the clock's time. */
  sleep?: (ms: number) => Promise<void>;
  owner?: string;
}

const USAGE =
  "usage: npm run digest [-- --subscription ID] [--now]\n  (no arguments: every digest that is due; --subscription ID: only that one; --now: post now, whatever the schedule)";

const argsOrExit = (argv: readonly string[]): DigestJobRequest => {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        subscription: { type: "string" },
        now: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const id = values.subscription;
    if (id !== undefined && !/^[1-9]\d{0,14}$/.test(id)) {
      throw new Error(
        `--subscription takes a digest's number (as /tickets digests shows it), not "${id}"`,
      );
    }
    return { now: values.now, ...(id !== undefined && { subscriptionId: Number(id) }) };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
};

export const runDigestJobProcess = async (
  options: DigestJobProcessOptions = {},
): Promise<never> => {
  process.setSourceMapsEnabled(true);
  const request = argsOrExit(process.argv.slice(2));
  const config = settingsOrExit(loadDigestJobConfig);
  const logger = createLogger({ ...config.log, secrets: secretsOf(config), name: "digest" });
  const store = await openStoreOrExit(config.store, logger, options.clock);
  const slack = createWebClient(config.slack, logger);
  const services = buildServices(config, {
    logger,
    slack,
    store,
    clock: options.clock,
    owner: options.owner,
    claims: options.claims,
    // Whatever runs this job retries it; a failure should surface at once as a non-zero exit.
    digestRetry: { attempts: 1 },
  });

  let code = 1;
  try {
    // The workspace the operator's digests belong to, as the bot names it.
    const auth = await slack.auth.test();
    if (!auth.team_id)
      throw new Error("auth.test named no workspace (team_id) for SLACK_BOT_TOKEN");
    await store.subscriptions.syncOperator(auth.team_id, services.operatorDigests);
    const result = await runDigestJob(
      {
        subscriptions: store.subscriptions,
        runSlot: (subscription, slot, slotRequest) =>
          services.slots.runSlot(subscription, slot, slotRequest),
        clock: services.clock,
        logger,
        workspaceId: auth.team_id,
        sleep: options.sleep,
      },
      request,
    );
    if (!result.ok) {
      logger.error(result.problem);
      code = 2;
    } else {
      logger.info(
        `digest job: ${result.ran} run, ${result.failed} failed, ${result.skipped} already done elsewhere`,
      );
      code = result.failed > 0 ? 1 : 0;
    }
  } catch (error) {
    logger.error(startupFailure(error).replace(/^could not start/, "could not run the digests"));
  } finally {
    await store.close().catch(() => {});
  }
  process.exit(code);
};
