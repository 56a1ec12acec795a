import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSlackDriver } from "../../src/demo/fakes/slack-driver";
import { type SlackStandIn, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../../src/sample-api/sample-api-server";
import { cleanCopy } from "../support/clean-copy";
import { freePort } from "../support/ports";
import { type RunningProcess, startProcess } from "../support/run-script";

/**
 * The production command as a real process tree: `npm start` in a fresh copy (which builds
 * dist/ first), `node dist/main.js` alone, and as PID 1 of its own PID namespace, as in a
 * container. Every stop signal lets the answer in flight finish, then the bot exits 0.
 */

const TOKEN = "panel-token-for-signals";
const SECRET = "signing-secret-for-signals";
const LIMIT_MS = 30_000;

let copy = "";
beforeAll(() => {
  copy = cleanCopy();
});
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

let api: SampleApi | undefined;
let slack: SlackStandIn | undefined;
let bot: RunningProcess | undefined;
/** The bot's own pid, which differs from the child's under npm or unshare. */
let botPid: number | undefined;
afterEach(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
    bot.child.kill("SIGKILL");
  }
  // Should npm ever leave it behind again, the test fails, but the bot does not live on.
  if (botPid && botPid > 1 && isAlive(botPid)) process.kill(botPid, "SIGKILL");
  botPid = undefined;
  await Promise.all([api?.close(), slack?.close()]);
  bot = api = slack = undefined;
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The stand-ins, with every ticket API answer held until `release()`. */
const standIns = async () => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  api = await startSampleApi({
    tickets: [makeTicket({ state_id: 2 })],
    token: TOKEN,
    intercept: async () => {
      await held;
      return undefined;
    },
  });
  slack = await startSlackStandIn();
  const port = await freePort();
  const env = {
    HOME: process.env.HOME ?? copy,
    npm_config_update_notifier: "false",
    SLACK_BOT_TOKEN: "xoxb-signals-test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: api.url,
    TICKET_API_TOKEN: TOKEN,
    PORT: String(port),
    DIGEST_SCHEDULE: "off",
    LOG_FORMAT: "json",
  };
  const driver = createSlackDriver({
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SECRET,
    slack,
  });
  return { env, driver, release: () => release() };
};

const logLines = (running: RunningProcess) =>
  running
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { message: string; pid: number; level: string });

/** Starts a command, sends `/tickets` while the panel holds its answer, then sends `signal`. */
const answerSurvives = async (
  command: string,
  args: string[],
  signal: NodeJS.Signals,
  target: (running: RunningProcess, botPid: number) => number,
) => {
  const { env, driver, release } = await standIns();
  bot = startProcess(command, args, { cwd: copy, env });
  const running = bot;
  await running.waitForOutput(/listening on port/, LIMIT_MS);
  const pidInLog = logLines(running).find((l) => l.message.includes("listening on port"))?.pid ?? 0;
  const pid = target(running, pidInLog);
  botPid = pidInLog === 1 ? pid : pidInLog;

  const { ack, responseId } = await driver.command("state:2");
  expect(ack.status).toBe(200);
  await new Promise<void>((resolve) => {
    const check = () => (api?.requests.length ? resolve() : setTimeout(check, 10));
    check();
  });

  process.kill(pid, signal);
  await running.waitForOutput(new RegExp(`${signal}: finishing answers in flight`), LIMIT_MS);
  release();
  const answer = await driver.answerTo(responseId, LIMIT_MS);
  expect(JSON.stringify(answer.body)).toContain("Waiting for support");
  return { running, botPid: pidInLog, exit: await running.exit };
};

describe("npm start", () => {
  it(
    "builds dist/ when it is missing, and on SIGTERM lets the bot finish its answer before npm exits",
    async () => {
      rmSync(join(copy, "dist"), { recursive: true, force: true });
      let botAliveWhenNpmExited: boolean | undefined;
      const { running, botPid, exit } = await answerSurvives(
        "npm",
        ["start"],
        "SIGTERM",
        (npm, botPid) => {
          npm.child.once("exit", () => {
            botAliveWhenNpmExited = isAlive(botPid);
          });
          return npm.child.pid ?? 0;
        },
      );
      expect(running.output()).toMatch(
        /built dist\/ from \d+ source files .*dist\/ has not been built yet/,
      );
      // npm ran the bot as its child, forwarded the signal, and waited for it: nothing orphaned.
      expect(botPid).not.toBe(running.child.pid);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(botAliveWhenNpmExited).toBe(false);
      expect(isAlive(botPid)).toBe(false);
    },
    LIMIT_MS * 2,
  );
});

describe("node dist/main.js", () => {
  beforeAll(() => {
    execFileSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: copy });
  });

  it.each(["SIGINT", "SIGHUP"] as const)(
    "on %s finishes the answer in flight, then exits 0",
    async (signal) => {
      const { exit } = await answerSurvives(
        process.execPath,
        ["dist/main.js"],
        signal,
        (node) => node.child.pid ?? 0,
      );
      expect(exit).toEqual({ code: 0, signal: null });
    },
    LIMIT_MS,
  );

  const canBePid1 = (() => {
    try {
      execFileSync("unshare", ["--pid", "--fork", "--kill-child", "true"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  // A container's runtime starts the command as PID 1, which the kernel shields from any signal
  // it has no handler for: without ours, SIGTERM would do nothing until the SIGKILL.
  it.runIf(canBePid1)(
    "as PID 1 of its own PID namespace (a container), drains on SIGTERM and exits 0",
    async () => {
      const { exit, running } = await answerSurvives(
        "unshare",
        ["--pid", "--fork", "--kill-child", process.execPath, "dist/main.js"],
        "SIGTERM",
        (unshare) => {
          const children = `/proc/${unshare.child.pid}/task/${unshare.child.pid}/children`;
          return Number(readFileSync(children, "utf8").trim());
        },
      );
      expect(logLines(running).every((line) => line.pid === 1)).toBe(true);
      expect(exit).toEqual({ code: 0, signal: null });
    },
    LIMIT_MS,
  );

  it("has built what production runs: plain JavaScript with source maps", () => {
    for (const file of ["main.js", "digest-once.js", "healthcheck.js"]) {
      expect(existsSync(join(copy, "dist", file)), file).toBe(true);
      expect(existsSync(join(copy, "dist", `${file}.map`)), `${file}.map`).toBe(true);
    }
  });
});
