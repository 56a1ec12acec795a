import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../../src/sample-api/sample-api-server";
import { REPO, trackedFiles } from "../support/clean-copy";
import { freePort } from "../support/ports";
import { type RunningProcess, startProcess } from "../support/run-script";
import { type SocketModeStandIn, startSocketModeStandIn } from "../support/socket-mode-stand-in";

/**
 * There is no Docker engine where the tests run, so this test plays the Dockerfile itself:
 * every instruction in order, on a fresh copy of the repository filtered by .dockerignore, each
 * stage in its own directory. It then runs the image's command against loopback stand-ins and
 * asks its health check. A Dockerfile that uses an instruction this player does not know fails
 * here, rather than being half-checked.
 *
 * Two departures, both for time and neither changing what ends up in the image: the build
 * stage's full `npm ci` links this checkout's node_modules (the same lockfile gives the same
 * tree), and `npm ci` runs from npm's cache (`--offline`: no test reaches the network) without the
 * final `npm cache clean`, which would empty the cache of the machine running the tests.
 */

interface Instruction {
  op: string;
  args: string;
  line: number;
}

const parse = (text: string): Instruction[] => {
  const out: Instruction[] = [];
  let pending = "";
  let start = 0;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) return;
    if (!pending) start = index + 1;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = pending + line;
    pending = "";
    const [op = "", ...rest] = full.split(/\s+/);
    out.push({ op: op.toUpperCase(), args: rest.join(" "), line: start });
  });
  return out;
};

/** .dockerignore: the last pattern that matches a path (or a folder above it) decides. */
const dockerignore = (text: string) => {
  const rules = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const include = l.startsWith("!");
      const pattern = (include ? l.slice(1) : l).replace(/^\/+|\/+$/g, "");
      const source = pattern
        .split("**")
        .map((part) =>
          part
            .split("*")
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join("[^/]*"),
        )
        .join(".*");
      return { include, regex: new RegExp(`^${source}$`) };
    });
  return (path: string) => {
    const prefixes = path.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));
    let included = true;
    for (const rule of rules) {
      if (prefixes.some((p) => rule.regex.test(p))) included = rule.include;
    }
    return included;
  };
};

interface Stage {
  name: string | undefined;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  exposed: string[];
  volumes: string[];
  healthcheck: string[] | undefined;
  cmd: string[] | undefined;
}

const execForm = (args: string): string[] => {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed)) throw new Error(`expected the exec form ["…"], got ${args}`);
  return parsed.map(String);
};

const envPairs = (args: string): [string, string][] =>
  [...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map(([, k = "", v = ""]) => [
    k,
    v.replace(/^"|"$/g, ""),
  ]);

/** Plays the Dockerfile; returns every stage, the last one being the image. */
const play = (dockerfile: string, context: string, log: string[]): Stage[] => {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  const subst = (s: string) => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? "");
  const inStage = (stage: Stage, path: string) =>
    join(stage.root, posix.isAbsolute(path) ? path : posix.join(stage.workdir, path));
  for (const { op, args: raw, line } of parse(dockerfile)) {
    const current = stages.at(-1);
    const text = subst(raw);
    log.push(`${line}: ${op} ${text}`);
    if (op === "ARG") {
      const [name = "", value = ""] = text.split("=");
      args[name] ??= value;
      continue;
    }
    if (op === "FROM") {
      const [, name] = / AS (\S+)$/i.exec(text) ?? [];
      stages.push({
        name,
        root: mkdtempSync(join(tmpdir(), `stage-${name ?? stages.length}-`)),
        workdir: "/",
        env: {},
        user: "root",
        exposed: [],
        volumes: [],
        healthcheck: undefined,
        cmd: undefined,
      });
      continue;
    }
    if (!current) throw new Error(`line ${line}: ${op} before FROM`);
    switch (op) {
      case "WORKDIR":
        current.workdir = posix.resolve(current.workdir, text);
        mkdirSync(inStage(current, "."), { recursive: true });
        break;
      case "ENV":
        for (const [k, v] of envPairs(text)) current.env[k] = v;
        break;
      case "USER":
        current.user = text;
        break;
      case "VOLUME":
        current.volumes.push(...text.split(/\s+/));
        break;
      case "EXPOSE":
        current.exposed.push(...text.split(/\s+/));
        break;
      case "COPY": {
        const parts = text.split(/\s+/);
        const from = parts[0]?.startsWith("--from=") ? parts.shift()?.slice(7) : undefined;
        const dest = parts.pop() ?? "";
        const source = from ? stages.find((s) => s.name === from) : undefined;
        if (from && !source) throw new Error(`line ${line}: no stage named ${from}`);
        for (const src of parts) {
          const origin = source ? join(source.root, src) : join(context, src);
          if (!existsSync(origin))
            throw new Error(`line ${line}: ${src} is not in the build context`);
          const target =
            dest.endsWith("/") && !statSync(origin).isDirectory()
              ? join(inStage(current, dest), posix.basename(src))
              : inStage(current, dest);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(origin, target, { recursive: true });
        }
        break;
      }
      case "RUN":
        for (const command of text.split(/\s*&&\s*/)) {
          const cwd = inStage(current, ".");
          if (command === "npm cache clean --force") continue;
          // The image's `node` user does not exist on this machine; the test runs as whoever it is.
          if (/^chown node:node /.test(command)) continue;
          if (/^npm ci\b/.test(command) && !command.includes("--omit=dev")) {
            symlinkSync(join(REPO, "node_modules"), join(cwd, "node_modules"), "dir");
            continue;
          }
          const result = spawnSync("sh", ["-c", command], {
            cwd,
            encoding: "utf8",
            env: {
              PATH: process.env.PATH ?? "",
              HOME: process.env.HOME ?? cwd,
              npm_config_offline: "true",
              npm_config_update_notifier: "false",
              ...current.env,
              // The image runs in production; building it here must not be told otherwise.
              NODE_ENV: current.env.NODE_ENV ?? "",
            },
          });
          log.push(result.stdout, result.stderr);
          if (result.status !== 0) {
            throw new Error(`line ${line}: ${command} exited ${result.status}\n${result.stderr}`);
          }
        }
        break;
      case "HEALTHCHECK":
        current.healthcheck = execForm(text.slice(text.indexOf("CMD ") + 4));
        break;
      case "CMD":
        current.cmd = execForm(text);
        break;
      default:
        throw new Error(`line ${line}: this test does not know ${op}; teach it before using it`);
    }
  }
  return stages;
};

const LIMIT_MS = 30_000;
const TOKEN = "panel-token-for-the-image";
const BOT_TOKEN = "xoxb-image-test";
const APP_TOKEN = "xapp-1-image-test";

let context = "";
let stages: Stage[] = [];
const log: string[] = [];
let api: SampleApi | undefined;
let slack: SlackStandIn | undefined;
let socket: SocketModeStandIn | undefined;
let bot: RunningProcess | undefined;

const image = () => {
  const last = stages.at(-1);
  if (!last) throw new Error("no stage");
  return last;
};
const appDir = () => join(image().root, image().workdir);

beforeAll(async () => {
  const keep = dockerignore(readFileSync(join(REPO, ".dockerignore"), "utf8"));
  context = mkdtempSync(join(tmpdir(), "docker-context-"));
  for (const file of trackedFiles().filter(keep)) {
    mkdirSync(dirname(join(context, file)), { recursive: true });
    cpSync(join(REPO, file), join(context, file));
  }
  try {
    stages = play(readFileSync(join(REPO, "Dockerfile"), "utf8"), context, log);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n${log.join("\n")}`);
  }
  api = await startSampleApi({
    tickets: [makeTicket({ state_id: 2, subject: "Disk full" })],
    token: TOKEN,
  });
  socket = await startSocketModeStandIn();
  const sockets = socket;
  slack = await startSlackStandIn({
    webApi: (call) =>
      call.method === "apps.connections.open"
        ? { body: { ok: true, url: sockets.newConnectionUrl() } }
        : undefined,
  });
}, 120_000);

afterAll(async () => {
  if (bot && bot.child.exitCode === null) bot.child.kill("SIGKILL");
  await Promise.all([api?.close(), slack?.close(), socket?.close()]);
  for (const dir of [context, ...stages.map((s) => s.root)]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

describe("the Dockerfile, played step by step", () => {
  it("sends only what the build needs: no .env, node_modules, dist or tests", () => {
    const keep = dockerignore(readFileSync(join(REPO, ".dockerignore"), "utf8"));
    for (const path of ["src/main.ts", "package-lock.json", "scripts/build.mjs"]) {
      expect(keep(path), path).toBe(true);
    }
    for (const path of [
      ".env",
      "node_modules/x/y.js",
      "dist/main.js",
      "test/main.test.ts",
      ".git",
    ]) {
      expect(keep(path), path).toBe(false);
    }
  });

  it("builds a multi-stage image of production dependencies and plain JavaScript", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const dir = appDir();
    for (const file of [
      "dist/main.js",
      "dist/digest-once.js",
      "dist/migrate.js",
      "dist/healthcheck.js",
      "dist/digest-worker.js",
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(existsSync(join(dir, "node_modules/@slack/bolt/package.json"))).toBe(true);
    expect(existsSync(join(dir, "node_modules/pino/package.json"))).toBe(true);
    // Nothing to compile TypeScript with, nothing of the tests, no sources.
    for (const absent of [
      "node_modules/esbuild",
      "node_modules/tsx",
      "node_modules/typescript",
      "node_modules/vitest",
      "src",
    ]) {
      expect(existsSync(join(dir, absent)), absent).toBe(false);
    }
  });

  it("runs as an unprivileged user, with a health check, node as the command itself", () => {
    expect(image().user).not.toMatch(/^(root|0)$/);
    expect(image().healthcheck?.[0]).toBe("node");
    expect(image().cmd).toEqual(["node", "dist/main.js"]);
    expect(image().env).toMatchObject({ NODE_ENV: "production", LOG_FORMAT: "json" });
    // The SQLite store's default directory is a volume, so a new image keeps the data.
    expect(image().volumes).toEqual(["/app/data"]);
  });

  it(
    "starts with the image's command against loopback stand-ins: serves, is healthy, stops on SIGTERM",
    async () => {
      if (!api || !slack || !socket) throw new Error("the stand-ins did not start");
      const healthPort = await freePort();
      const env = {
        ...image().env,
        HEALTH_PORT: String(healthPort),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        SLACK_HOOKS_URL: slack.origin,
        TICKET_API_URL: api.url,
        TICKET_API_TOKEN: TOKEN,
        DIGEST_SCHEDULE: "off",
      };
      const [command = "", ...args] = image().cmd ?? [];
      bot = startProcess(command === "node" ? process.execPath : command, args, {
        cwd: appDir(),
        env,
      });
      const running = bot;
      await running.waitForOutput(/running in Socket Mode/, LIMIT_MS);
      const started = JSON.parse(
        running
          .output()
          .split("\n")
          .find((l) => l.includes("Socket Mode")) ?? "{}",
      );
      expect(started).toMatchObject({ level: "info", name: "tickets-bot" });

      const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
      expect(ready.status).toBe(200);
      const [hcCommand = "", ...hcArgs] = image().healthcheck ?? [];
      // Run beside the test's own event loop, which serves the stand-ins the bot talks to.
      const check = startProcess(hcCommand === "node" ? process.execPath : hcCommand, hcArgs, {
        cwd: appDir(),
        env,
      });
      expect(await check.exit, check.output()).toEqual({ code: 0, signal: null });
      expect(JSON.parse(check.output())).toMatchObject({ status: "ok" });

      const responseUrl = slack.newResponseUrl();
      const envelope = socket.slashCommand({
        command: "/tickets",
        text: "state:2",
        response_url: responseUrl.url,
      });
      await socket.waitForAck(envelope, LIMIT_MS);
      const answer = await slack.responses.waitFor((p) => p.id === responseUrl.id, LIMIT_MS);
      expect(JSON.stringify(answer.body)).toContain("Disk full");

      running.child.kill("SIGTERM");
      expect(await running.exit).toEqual({ code: 0, signal: null });
      expect(running.output()).not.toContain(TOKEN);
    },
    LIMIT_MS * 2,
  );

  it("runs the digest job from the same image", async () => {
    if (!api || !slack) throw new Error("the stand-ins did not start");
    // --now: the operator's digest now, whatever DIGEST_SCHEDULE says (09:00 by default).
    const job = startProcess(process.execPath, ["dist/digest-once.js", "--now"], {
      cwd: appDir(),
      env: {
        ...image().env,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        SLACK_HOOKS_URL: slack.origin,
        TICKET_API_URL: api.url,
        TICKET_API_TOKEN: TOKEN,
        DIGEST_CHANNEL: "C0AAAAAAA",
      },
    });
    expect(await job.exit, job.output()).toEqual({ code: 0, signal: null });
    expect(slack.calls.items.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });
});
