import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { type LineKind, parseLine } from "./child-protocol";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");

/** Every child still running, so a failing run can stop exactly the processes it started. */
const live = new Set<ChildProcess>();

export const killAllChildren = (): void => {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
};

export interface StartedChild<T> {
  /** What the child announced in its READY line (undefined when readiness is a log line). */
  ready: T;
  /** From just before `spawn` to readiness, on the runner's clock. */
  spawnToReadyMs: number;
  spawnedAt: number;
  pid: number | undefined;
  /** Writes `job` on the child's stdin and resolves with the payload of its next DONE line. */
  ask<P>(job: string, limitMs: number): Promise<P>;
  /** Resolves with the payload of each SAMPLE line as it comes. */
  onSample(handle: (payload: unknown) => void): void;
  stop(): Promise<void>;
  stderrTail(): string;
}

export interface SpawnOptions {
  args?: string[];
  /** Options for node itself, before the file (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  limitMs: number;
  /**
   * For a program that does not speak the READY protocol (the production build): it is ready
   * when a line of its log (stderr) matches.
   */
  readyLog?: RegExp;
}

const STDERR_TAIL_CHARS = 4000;

/**
 * Every target is a built JavaScript file (bench/lib/build-targets.ts) started as `node <file>`
 * from the repository root, with only the environment given here (plus PATH, HOME, TMPDIR), so
 * nothing in a developer's shell or `.env` changes what is measured. `BENCH_TARGET_NODE_ARGS`
 * (space-separated) go before the file, to profile the targets (`--cpu-prof --cpu-prof-dir=…`).
 */
const spawnTarget = (file: string, o: SpawnOptions) => {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "TMPDIR"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const extraArgs = process.env.BENCH_TARGET_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    [...extraArgs, ...(o.nodeArgs ?? []), file, ...(o.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...env, ...o.env },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  live.add(child);
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  // "close", not "exit": only then has every line the child wrote been read.
  const exited = new Promise<number | null>((done) => {
    child.once("close", (code) => {
      live.delete(child);
      done(code);
    });
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const logLines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
  return { child, file, spawnedAt, exited, lines, logLines, stderrTail: () => stderr };
};
type Spawned = ReturnType<typeof spawnTarget>;

/**
 * Resolves with the next line of `kind` (or, for `readyLog`, the next log line matching it), or
 * rejects when the child exits or `limitMs` passes.
 */
const nextLine = (
  started: Spawned,
  kind: LineKind,
  limitMs: number,
  readyLog?: RegExp,
): Promise<{ payload: unknown; at: number }> =>
  new Promise((resolveLine, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      started.lines.off("line", onLine);
      started.logLines.off("line", onLog);
    };
    const timer = setTimeout(() => {
      cleanup();
      started.child.kill("SIGKILL");
      reject(
        new Error(`${started.file}: no ${kind} within ${limitMs} ms\n${started.stderrTail()}`),
      );
    }, limitMs);
    const onLine = (line: string) => {
      if (readyLog) return;
      const parsed = parseLine(line);
      if (parsed?.kind !== kind) return;
      cleanup();
      resolveLine({ payload: parsed.payload, at: performance.now() });
    };
    const onLog = (line: string) => {
      if (!readyLog?.test(line)) return;
      cleanup();
      resolveLine({ payload: undefined, at: performance.now() });
    };
    started.lines.on("line", onLine);
    started.logLines.on("line", onLog);
    void started.exited.then((code) => {
      cleanup();
      reject(
        new Error(`${started.file} exited with ${code} before ${kind}\n${started.stderrTail()}`),
      );
    });
  });

/** A server target: resolves once it is ready; `stop()` ends it (SIGTERM, then SIGKILL). */
export const startTarget = async <T>(file: string, o: SpawnOptions): Promise<StartedChild<T>> => {
  const started = spawnTarget(file, o);
  const { payload, at } = await nextLine(started, "READY", o.limitMs, o.readyLog);
  return {
    ready: payload as T,
    spawnToReadyMs: at - started.spawnedAt,
    spawnedAt: started.spawnedAt,
    pid: started.child.pid,
    stderrTail: started.stderrTail,
    async ask<P>(job: string, limitMs: number) {
      const done = nextLine(started, "DONE", limitMs);
      started.child.stdin?.write(`${job}\n`);
      return (await done).payload as P;
    },
    onSample(handle) {
      started.lines.on("line", (line) => {
        const parsed = parseLine(line);
        if (parsed?.kind === "SAMPLE") handle(parsed.payload);
      });
    },
    async stop() {
      if (started.child.exitCode !== null || started.child.signalCode !== null) return;
      started.child.kill("SIGTERM");
      const timer = setTimeout(() => started.child.kill("SIGKILL"), 3000);
      await started.exited;
      clearTimeout(timer);
    },
  };
};

/** A one-shot target: resolves with its RESULT payload once it has exited. */
export const runToResult = async <T>(file: string, o: SpawnOptions): Promise<T> => {
  const started = spawnTarget(file, o);
  const { payload } = await nextLine(started, "RESULT", o.limitMs);
  started.child.stdin?.end();
  await started.exited;
  return payload as T;
};
