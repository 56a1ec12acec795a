import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { LIST_DEFAULT_PER_PAGE } from "../src/tickets/ticket-query";
import { buildTargets } from "./lib/build-targets";
import { killAllChildren, startTarget } from "./lib/children";
import { startSlackSide } from "./lib/command-driver";
import { closedLoop } from "./lib/load";
import { COMMAND_UPSTREAM_MS } from "./lib/plan";
import { BOT_TOKEN, LIST_QUERY_TOTAL, SIGNING_SECRET, TICKET_TOKEN } from "./lib/settings";
import { summarize } from "./lib/stats";

/**
 * `npx tsx bench/profile-answer.ts [--concurrency 50] [--commands 3000] [--profile DIR]`: where
 * an answer's CPU goes. The bot and the bare Bolt app (bundled as `npm run bench` bundles them)
 * each answer the same closed loop of `/tickets state:2 …` commands, one fresh process each, and
 * the CPU each process spent per command is read from /proc (Linux), which a busy machine
 * disturbs far less than latency. With `--profile DIR` the bot also writes a V8 CPU profile
 * (`node --cpu-prof`) of the measured loop and its warm-up (so does the baseline, for comparison),
 * and the functions with the most self time are printed, each with its package or source file.
 * With `--allocations DIR` each also samples what it allocates (bench/lib/sample-allocations.cjs),
 * garbage included, and the largest allocators are printed per command. Prints; writes nothing else.
 */

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
};
const concurrency = Number(arg("concurrency", "50"));
const commands = Number(arg("commands", "3000"));
const warmup = Number(arg("warmup", "500"));
const profileDir = process.argv.includes("--profile") ? arg("profile", "") : undefined;
const allocationsDir = process.argv.includes("--allocations") ? arg("allocations", "") : undefined;
const only = arg("only", "both");

/** utime + stime of a process, in ms (clock ticks of 10 ms on Linux). */
const cpuMsOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const built = await buildTargets();
const api = await startTarget<{ port: number }>(built["ticket-api"] ?? "", { limitMs: 20_000 });
const apiUrl = `http://127.0.0.1:${api.ready.port}`;
await fetch(`${apiUrl}/bench/config`, {
  method: "POST",
  body: JSON.stringify({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS }),
});
const slack = await startSlackSide();
let index = 0;

const measure = async (who: "bot" | "baseline") => {
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: apiUrl,
    TICKET_API_TOKEN: TICKET_TOKEN,
    DIGEST_SCHEDULE: "off",
    LOG_LEVEL: "info",
    BENCH_LIST_PER_PAGE: String(LIST_DEFAULT_PER_PAGE),
  };
  // `--node-arg --max-semi-space-size=64`: try a V8 setting on both targets.
  const nodeArgs: string[] = process.argv.flatMap((a, i) =>
    process.argv[i - 1] === "--node-arg" ? [a] : [],
  );
  if (profileDir) {
    mkdirSync(join(profileDir, who), { recursive: true });
    nodeArgs.push(
      "--cpu-prof",
      `--cpu-prof-dir=${join(profileDir, who)}`,
      "--cpu-prof-interval=200",
    );
  }
  if (allocationsDir) {
    mkdirSync(join(allocationsDir, who), { recursive: true });
    env.BENCH_ALLOCATIONS_DIR = join(allocationsDir, who);
    nodeArgs.push("--require", join(import.meta.dirname, "lib/sample-allocations.cjs"));
  }
  const target = await startTarget<{ port: number }>(built[who] ?? "", {
    env,
    nodeArgs,
    limitMs: 20_000,
  });
  const driver = slack.driverFor(target.ready.port, concurrency);
  try {
    const warm = await closedLoop(driver, {
      concurrency,
      count: warmup,
      limitMs: 120_000,
      firstIndex: index,
    });
    index += warmup;
    await slack.waitForAnswers(warm, 10_000);
    const pid = target.pid ?? 0;
    const cpuBefore = cpuMsOf(pid);
    const started = performance.now();
    const outcomes = await closedLoop(driver, {
      concurrency,
      count: commands,
      limitMs: 300_000,
      firstIndex: index,
    });
    index += commands;
    await slack.waitForAnswers(outcomes, 20_000);
    const wall = performance.now() - started;
    const cpu = cpuMsOf(pid) - cpuBefore;
    const answers = outcomes.filter((o) => o.answerAt !== undefined);
    const answer = summarize(answers.map((o) => (o.answerAt ?? 0) - o.sentAt));
    const lists = outcomes.filter((o) => o.answeredWithList).length;
    console.log(
      `${who.padEnd(8)} ${commands} commands at ${concurrency}: CPU ${(cpu / commands).toFixed(3)} ms/command, ` +
        `${Math.round(commands / (wall / 1000))}/s, answer p50 ${answer.p50.toFixed(1)} p99 ${answer.p99.toFixed(1)} ms, ` +
        `${lists} lists`,
    );
  } finally {
    driver.close();
    await target.stop();
  }
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, our source (through the bundle's source map), or Node. */
const sourceMaps = new Map<string, ((line: number) => string) | undefined>();
const sourceOf = (url: string, line: number): string => {
  if (url === "") return "(native)";
  if (url.startsWith("node:")) return url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//.exec(
    url.replace(/\.cache\/bench-targets\/.*$/, ""),
  );
  if (pkg && !url.includes("bench-targets")) return pkg[1] ?? url;
  if (!sourceMaps.has(url)) sourceMaps.set(url, loadLineMap(url));
  return sourceMaps.get(url)?.(line) ?? url;
};

/** Line → source file, from a linked source map's `mappings` (segments' source index only). */
const loadLineMap = (url: string): ((line: number) => string) | undefined => {
  try {
    const file = new URL(url).pathname;
    const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as {
      sources: string[];
      mappings: string;
    };
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const lineSource: number[] = [];
    let source = 0;
    for (const line of map.mappings.split(";")) {
      let first: number | undefined;
      for (const segment of line.split(",")) {
        if (segment === "") continue;
        const values: number[] = [];
        let value = 0;
        let shift = 0;
        for (const c of segment) {
          const digit = chars.indexOf(c);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >> 1) : value >> 1);
            value = 0;
            shift = 0;
          }
        }
        if (values.length > 1) {
          source += values[1] ?? 0;
          first ??= source;
        }
      }
      lineSource.push(first ?? source);
    }
    return (line: number) => (map.sources[lineSource[line] ?? -1] ?? "?").replace(/^(\.\.\/)+/, "");
  } catch {
    return undefined;
  }
};

const summarizeProfile = (dir: string) => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(join(dir, name), "utf8")) as Profile;
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const byFunction = new Map<string, number>();
    const bySource = new Map<string, number>();
    for (const node of profile.nodes) {
      const us = self.get(node.id) ?? 0;
      const f = node.callFrame;
      const where = sourceOf(f.url, f.lineNumber);
      const key = `${f.functionName || "(anonymous)"}  ${where}:${f.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      bySource.set(where, (bySource.get(where) ?? 0) + us);
    }
    const top = (m: Map<string, number>, n: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(
          ([k, us]) =>
            `  ${((100 * us) / total).toFixed(1).padStart(5)} % ${(us / (warmup + commands)).toFixed(1).padStart(6)} µs/command  ${k}`,
        )
        .join("\n");
    // The profile covers the process's start and its warm-up too: per command is an upper bound.
    console.log(`\n${dir}/${name}: ${(total / 1000).toFixed(0)} ms sampled`);
    console.log(`self time by source:\n${top(bySource, 30)}`);
    console.log(`self time by function:\n${top(byFunction, 50)}`);
  }
};

interface AllocationNode {
  callFrame: ProfileNode["callFrame"];
  selfSize: number;
  children?: AllocationNode[];
}

/** Bytes allocated per command, by source and by function (start-up and warm-up included). */
const summarizeAllocations = (dir: string) => {
  for (const name of readdirSync(dir).filter((f) => f.startsWith("allocations-"))) {
    const { head } = JSON.parse(readFileSync(join(dir, name), "utf8")) as { head: AllocationNode };
    const byFunction = new Map<string, number>();
    const bySource = new Map<string, number>();
    let total = 0;
    const walk = (node: AllocationNode) => {
      const f = node.callFrame;
      const where = sourceOf(f.url, f.lineNumber);
      const key = `${f.functionName || "(anonymous)"}  ${where}:${f.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
      bySource.set(where, (bySource.get(where) ?? 0) + node.selfSize);
      total += node.selfSize;
      for (const child of node.children ?? []) walk(child);
    };
    walk(head);
    const perCommand = (bytes: number) => bytes / (warmup + commands) / 1024;
    const top = (m: Map<string, number>, n: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, bytes]) => `  ${perCommand(bytes).toFixed(1).padStart(7)} KB/command  ${k}`)
        .join("\n");
    console.log(`\n${dir}/${name}: ${perCommand(total).toFixed(0)} KB allocated a command`);
    console.log(`by source:\n${top(bySource, 25)}`);
    console.log(`by function:\n${top(byFunction, 30)}`);
  }
};

try {
  if (only !== "baseline") await measure("bot");
  if (only !== "bot") await measure("baseline");
  if (profileDir) {
    for (const who of ["bot", "baseline"]) {
      if (only === "both" || only === who) summarizeProfile(join(profileDir, who));
    }
  }
  if (allocationsDir) {
    for (const who of ["bot", "baseline"]) {
      if (only === "both" || only === who) summarizeAllocations(join(allocationsDir, who));
    }
  }
} finally {
  slack.close();
  await api.stop();
  killAllChildren();
}
