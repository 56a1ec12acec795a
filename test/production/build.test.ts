import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../../src/sample-api/sample-api-server";
import { cleanCopy } from "../support/clean-copy";
import { startProcess } from "../support/run-script";

/**
 * What `npm run build` makes, run as production runs it. The digest's worker thread is a file
 * beside the bundles (dist/digest-worker.js), and `node dist/digest-once.js` reads its pages
 * there, with no TypeScript loader anywhere (the sources' way of starting it, through tsx, is
 * what every other test runs). And what the bot loads as it starts is what every configuration
 * needs, no more: the rest is loaded when first used.
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

let runs = 0;
const runDigest = async () => {
  const tickets = Array.from({ length: 2500 }, (_, i) =>
    makeTicket({ id: 100_001 + i, ticket_id: 100_001 + i, state_id: 2 }),
  ) as unknown as Record<string, unknown>[];
  tickets[1200] = { ...tickets[1200], updated_at: "yesterday" };
  api = await startSampleApi({ tickets: tickets as never, token: TOKEN });
  runs += 1;
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
      // Unscheduled: `npm run digest` posts the operator's digest now, as a CronJob would ask.
      DIGEST_SCHEDULE: "off",
      // A store of each run's own: a slot already posted by an earlier run is not posted again.
      DATABASE_PATH: join(copy, `data/run-${runs}.db`),
    },
  });
  const { code } = await job.exit;
  const posted = slack.calls.items.filter((c) => c.method === "chat.postMessage");
  return { code, output: job.output(), posted };
};

/** The packages a bundle imports statically, which Node loads before its first line runs. */
const staticImports = (file: string) =>
  [...readFileSync(join(copy, file), "utf8").matchAll(/^import .* from "([^".][^"]*)";$/gm)]
    .map((m) => m[1] ?? "")
    .filter((specifier) => !specifier.startsWith("node:"))
    .map((specifier) =>
      specifier.startsWith("@")
        ? specifier.split("/").slice(0, 2).join("/")
        : specifier.split("/")[0],
    );

/** The packages a bundle `require`s where its sources import them (REQUIRED_PACKAGES). */
const requiredAtStart = (file: string) =>
  [...readFileSync(join(copy, file), "utf8").matchAll(/\.requirePackage\("([^"]+)"\)/g)].map(
    (m) => m[1] ?? "",
  );

/**
 * The CommonJS files `node dist/main.js` has loaded by the time it reads its settings: an empty
 * environment stops it right there (exit 2), and every static import and require has run by then.
 */
const loadedBeforeSettings = () => {
  writeFileSync(
    join(copy, "print-loaded.cjs"),
    "process.on('exit', () => process.stdout.write(JSON.stringify(Object.keys(require.cache))));",
  );
  const run = spawnSync(process.execPath, ["--require", "./print-loaded.cjs", "dist/main.js"], {
    cwd: copy,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });
  return {
    status: run.status,
    loaded: (JSON.parse(run.stdout) as string[]).map(
      (file) => file.split("node_modules/").at(-1) ?? file,
    ),
  };
};

describe("what the bot loads as it starts", () => {
  it("is Bolt, its Web API client, the logger and dates: no driver, HTTP client or cron parser", () => {
    expect(staticImports("dist/main.js")).toEqual([]);
    expect(new Set(requiredAtStart("dist/main.js"))).toEqual(
      new Set(["@slack/web-api", "pino", "dayjs", "dayjs/plugin/utc.js"]),
    );
  });

  it("loads Bolt's App and receivers from their files, not Bolt's index with Express", () => {
    const { status, loaded } = loadedBeforeSettings();
    expect(status).toBe(2);
    expect(loaded).toContain("@slack/bolt/dist/App.js");
    expect(loaded).toContain("@slack/bolt/dist/receivers/HTTPReceiver.js");
    expect(loaded).not.toContain("@slack/bolt/dist/index.js");
    expect(loaded).not.toContain("@slack/bolt/dist/receivers/ExpressReceiver.js");
    expect(loaded.filter((file) => file.startsWith("express/"))).toEqual([]);
  });

  it("requires only CommonJS packages, getting the very object `import` gives (one copy)", () => {
    // In plain Node, as production runs: vitest's own interop would change what `import` gives.
    const script = `
      import { createRequire } from "node:module";
      import { REQUIRED_PACKAGES } from "./scripts/build.mjs";
      const require = createRequire(new URL("./dist/main.js", import.meta.url));
      const differ = [];
      for (const specifier of [...REQUIRED_PACKAGES, "dayjs/plugin/utc.js"]) {
        const imported = await import(specifier);
        if (imported.default !== require(specifier)) differ.push(specifier);
      }
      process.stdout.write(JSON.stringify({ checked: REQUIRED_PACKAGES, differ }));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: copy,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      checked: ["@slack/bolt", "@slack/web-api", "pino", "dayjs"],
      differ: [],
    });
  });

  it("bundles the packages of many small modules instead of loading them file by file", () => {
    const main = readFileSync(join(copy, "dist/main.js"), "utf8");
    // esbuild heads each bundled file with a comment naming it.
    expect(main).toMatch(/^\/\/ .*node_modules\/kysely\/dist\/esm\//m);
    expect(main).toMatch(/^\/\/ .*node_modules\/zod\/v4\//m);
  });

  it("bundles zod's English messages, the only ones the bot uses, and no other language's", () => {
    for (const file of ["dist/main.js", "dist/digest-worker.js"]) {
      const bundle = readFileSync(join(copy, file), "utf8");
      const locales = [...bundle.matchAll(/^\/\/ .*node_modules\/zod\/v4\/locales\/(.+)$/gm)];
      expect(
        locales.map((m) => m[1]),
        file,
      ).toEqual(["en.js"]);
    }
  });
});

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
      // No digest: only the notice that it failed, and that an operator should look.
      expect(posted.map((p) => String(p.body.text))).toEqual([
        expect.stringMatching(/could not be posted: the bot itself ran into trouble/),
      ]);
      expect(output).toMatch(
        /DigestWorkerError: the digest's worker thread failed: .*digest-worker\.js/,
      );
    },
    LIMIT_MS,
  );
});
