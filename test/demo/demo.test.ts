import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { unauthorizedBody } from "../../src/sample-api/sample-api-server";
import { runScript, startScript } from "../support/run-script";

/** `npm run demo` as a real process: what a newcomer sees. */

const DEMO = "src/demo/main.ts";
const NOW = "2026-01-15T09:00:00Z";
const STEPS = ["/tickets state:2", "next", "details 1", "digest"];
const ESC = "\u001b";

const repo = resolve(import.meta.dirname, "../..");

/** Every `$ npm run demo -- …` transcript in README.md and docs/: page, arguments, output. */
const transcripts = (): [string, string, string][] => {
  const pages = ["README.md", ...readdirSync(join(repo, "docs")).map((f) => `docs/${f}`)];
  const found = pages
    .filter((page) => page.endsWith(".md"))
    .flatMap((page) =>
      [
        ...readFileSync(join(repo, page), "utf8").matchAll(
          /```console\n\$ npm run demo -- (.*)\n([\s\S]*?)\n```/g,
        ),
      ].map((m): [string, string, string] => [page, m[1] ?? "", m[2] ?? ""]),
    );
  // The README's and the demo page's, at least: a test over nothing would prove nothing.
  if (!found.some(([page]) => page === "README.md") || found.length < 3) {
    throw new Error(`expected demo transcripts in README.md and docs/, found ${found.length}`);
  }
  return found;
};

let running: ChildProcess | undefined;
afterEach(() => {
  if (running && running.exitCode === null) running.kill("SIGKILL");
  running = undefined;
});

describe("npm run demo -- <steps> (non-interactive)", () => {
  // Session behaviour (which step fails why, what json keeps) is tested in this process, in
  // demo-session.test.ts; these runs are what only a process shows: output, exit codes, flags
  // and environment.
  const settingsOfAWorkspace = {
    SLACK_BOT_TOKEN: "xoxb-real-workspace",
    SLACK_API_URL: "http://127.0.0.1:9/api/",
    TICKET_API_URL: "http://127.0.0.1:9",
    TICKET_API_TOKEN: "real-panel-token",
    DIGEST_TIMEZONE: "Not/AZone",
  };
  let started: ReturnType<typeof startRuns> | undefined;
  /** Three runs at once, started by the first test that needs them. */
  const runs = () => {
    started ??= startRuns();
    return started;
  };
  const startRuns = () =>
    Promise.all([
      runScript(DEMO, {}, ["--now", NOW, ...STEPS, "json"]),
      // NO_COLOR beats FORCE_COLOR; a workspace's or panel's settings change nothing.
      runScript(DEMO, { NO_COLOR: "1", FORCE_COLOR: "1", ...settingsOfAWorkspace }, [
        "--now",
        NOW,
        ...STEPS,
        "json",
      ]),
      runScript(DEMO, { FORCE_COLOR: "1" }, ["--now", NOW, "/tickets state:2"]),
    ]);

  it("lists tickets, pages, opens details and a digest, prints its Block Kit, then exits 0", async () => {
    const [result] = await runs();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout;

    // Each step is echoed, then what Slack would show for it.
    for (const step of STEPS) expect(out).toContain(`› ${step}`);
    expect(out).toMatch(/#1003\d\d/);
    expect(out).toContain("page 1 of 13");
    expect(out).toContain("page 2 of 13");
    expect(out).toContain("[ Next ▶ ]");
    expect(out).toContain("[ ◀ Previous ]");
    expect(out).toContain("replaces the message you clicked");
    expect(out).toMatch(/── modal: Ticket #\d+/);
    for (const field of ["Importance", "Customer", "Category", "Seen by staff", "Description"]) {
      expect(out).toContain(field);
    }
    expect(out).toContain("tickets waiting for support");
    expect(out).toContain("10 longest waiting");
    // Slack date tokens come out as times in the fixed "now", not as markup.
    expect(out).toContain("As of today 09:00");

    // `json` prints the last message (the digest) as the bot sent it.
    const json = out.slice(out.indexOf("› json") + "› json".length);
    const message = JSON.parse(json) as { response_type: string; blocks: { type: string }[] };
    expect(message.response_type).toBe("ephemeral");
    expect(message.blocks[0]?.type).toBe("header");

    // Not a terminal: plain text, and nothing that changes from run to run.
    expect(out).not.toContain(ESC);
    expect(out).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b|xoxb-|demo-panel-/);
  });

  it("prints the same transcript every run with a fixed --now, whatever settings the environment holds; NO_COLOR beats FORCE_COLOR", async () => {
    const [first, second, forced] = await runs();
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`${ESC}[`);
    // Only SGR colour codes, nothing that moves the cursor.
    expect(
      forced.stdout
        .split(`${ESC}[`)
        .slice(1)
        .every((rest) => /^[\d;]*m/.test(rest)),
    ).toBe(true);
  });

  it.each(transcripts())(
    "prints the transcript %s shows (trimmed where it says …)",
    async (_page, commandLine, transcript) => {
      const args = [...commandLine.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
      const result = await runScript(DEMO, {}, args);
      expect(result.code).toBe(0);
      let from = 0;
      for (const chunk of transcript.split("\n…\n")) {
        const at = result.stdout.indexOf(chunk, from);
        expect(at, `transcript chunk not in the output:\n${chunk}`).toBeGreaterThanOrEqual(from);
        from = at + chunk.length;
      }
    },
  );

  it("stops at a step that fails, says why on stderr, and exits non-zero", async () => {
    const result = await runScript(DEMO, {}, [
      "--now",
      NOW,
      "/tickets state:2",
      "details 99",
      "next",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "✗ details 99: the last message with tickets has 10 rows; try details 1 to details 10",
    );
    expect(result.stderr).toContain('step 2 of 3 ("details 99") failed');
    expect(result.stderr).toContain("the step after it was not run");
    expect(result.stdout).toContain("page 1 of 13");
    expect(result.stdout).not.toContain("page 2 of 13");
  });

  // A step the demo cannot read, and json before anything: said on stderr, exit 1.
  it.each([
    [["bogus"], 'unknown step "bogus"'],
    [["json"], "✗ json: nothing has been shown yet"],
  ])("fails clearly on %j", async (steps, message) => {
    const result = await runScript(DEMO, {}, ["--now", NOW, ...steps]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it("refuses bad flags with exit 2 and the usage", async () => {
    const result = await runScript(DEMO, {}, ["--now", "yesterday", "next"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--now yesterday is not an ISO time");
    expect(result.stderr).toContain("Usage:");
  });

  it("never reads .env: nothing under src/demo calls readEnvironment", () => {
    const dir = join(repo, "src/demo");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    expect(files).toContain("fakes/slack-stand-in.ts");
    for (const file of files) {
      expect(readFileSync(join(dir, file), "utf8"), file).not.toContain("readEnvironment");
    }
  });
});

describe("npm run demo -- --serve-api", () => {
  it("serves the sample API on loopback, answering the printed token and refusing others", async () => {
    const demo = startScript("test/demo/serve-api-process.ts", {});
    running = demo.child;
    await demo.waitForOutput(/Ctrl-C stops it/);
    const url = /TICKET_API_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(demo.output())?.[1];
    const token = /TICKET_API_TOKEN=(\S+)\n/.exec(demo.output())?.[1];
    expect(token).toMatch(/^demo-[0-9a-f]{24}$/);

    const ok = await fetch(`${url}/api/ticket?state_id=2&per_page=3`, {
      headers: { authorization: token as string },
    });
    expect(ok.status).toBe(200);
    const page = (await ok.json()) as { data: { state_id: number }[]; meta: { total: number } };
    expect(page.data.map((t) => t.state_id)).toEqual([2, 2, 2]);
    expect(page.meta.total).toBeGreaterThan(100);

    const refused = await fetch(`${url}/api/ticket`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual(unauthorizedBody());

    demo.child.kill("SIGINT");
    expect(await demo.exited).toBe(0);
  });
});
