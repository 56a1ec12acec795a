import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../../src/sample-api/sample-api-server";
import { cleanCopy } from "../support/clean-copy";
import { startProcess } from "../support/run-script";

/**
 * The digest's worker thread as production runs it: `npm run build` puts it beside the bundles
 * (dist/digest-worker.js), and `node dist/digest-once.js` reads its pages there, with no
 * TypeScript loader anywhere. The sources' way of starting it (through tsx) is what every other
 * test runs.
 */

const TOKEN = "panel-token-for-the-built-worker";
const LIMIT_MS = 60_000;

let copy = "";
beforeAll(() => {
  copy = cleanCopy();
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: copy, stdio: "ignore" });
}, LIMIT_MS);
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

let api: SampleApi | undefined;
let slack: SlackStandIn | undefined;
afterEach(async () => {
  await Promise.all([api?.close(), slack?.close()]);
  api = slack = undefined;
});

const runDigest = async () => {
  const tickets = Array.from({ length: 2500 }, (_, i) =>
    makeTicket({ id: 100_001 + i, ticket_id: 100_001 + i, state_id: 2 }),
  ) as unknown as Record<string, unknown>[];
  tickets[1200] = { ...tickets[1200], updated_at: "yesterday" };
  api = await startSampleApi({ tickets: tickets as never, token: TOKEN });
  slack = await startSlackStandIn();
  const job = startProcess(process.execPath, ["dist/digest-once.js"], {
    cwd: copy,
    env: {
      SLACK_BOT_TOKEN: "xoxb-built-worker",
      SLACK_API_URL: slack.apiUrl,
      SLACK_HOOKS_URL: slack.origin,
      TICKET_API_URL: api.url,
      TICKET_API_TOKEN: TOKEN,
      DIGEST_CHANNEL: "C0AAAAAAA",
      DATABASE_PATH: join(copy, "data/tickets.db"),
    },
  });
  const { code } = await job.exit;
  const posted = slack.calls.items.filter((c) => c.method === "chat.postMessage");
  return { code, output: job.output(), posted };
};

describe("the built digest worker", () => {
  it("is built beside the bundles that start it", () => {
    expect(existsSync(join(copy, "dist/digest-worker.js"))).toBe(true);
  });

  it(
    "reads a digest's pages in `npm run digest` as built, unreadable rows told from the thread",
    async () => {
      const { code, output, posted } = await runDigest();
      expect(code, output).toBe(0);
      expect(posted).toHaveLength(1);
      expect(String(posted[0]?.body.text)).toMatch(/^2,500 tickets waiting/);
      expect(output).toContain(
        "ticket API page 2: 1 of 1000 rows could not be read and were left out: #101201: updated_at: not a timestamp: yesterday",
      );
      expect(output).not.toContain(TOKEN);
    },
    LIMIT_MS,
  );

  it(
    "fails the digest, saying which file is missing, when the worker's file is not beside the bundle",
    async () => {
      rmSync(join(copy, "dist/digest-worker.js"));
      const { code, output, posted } = await runDigest();
      expect(code).toBe(1);
      expect(posted).toEqual([]);
      expect(output).toMatch(
        /DigestWorkerError: the digest's worker thread failed: .*digest-worker\.js/,
      );
    },
    LIMIT_MS,
  );
});
