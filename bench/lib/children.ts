import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { parseLine } from "./child-protocol";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");

/** Every child still running, so a failing run can stop exactly the processes it started. */
const live = new Set<ChildProcess>();

export const killAllChildren = (): void => {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
};

export interface StartedChild<T> {
  /** What the child announced in its READY line. */
  ready: T;
  /** From just before `spawn` to the READY line arriving, on the runner's clock. */
  spawnToReadyMs: number;
  spawnedAt: number;
  stop(): Promise<void>;
  stderrTail(): string;
}

export interface SpawnOptions {
  args?: string[];
  env?: Record<string, string>;
  limitMs: number;
}

const STDERR_TAIL_CHARS = 4000;

/**
 * Every target starts the same way, `node --import tsx <file>`, from the repository root with
 * only the environment given here (plus PATH, HOME, TMPDIR), so nothing in a developer's shell
 * or `.env` changes what is measured.
 */
const spawnTarget = (file: string, o: SpawnOptions) => {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "TMPDIR"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", resolve(REPO_ROOT, file), ...(o.args ?? [])],
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
  return { child, spawnedAt, exited, lines, stderrTail: () => stderr };
};

/** Resolves with the first line of `kind`, or rejects when the child exits or `limitMs` passes. */
const firstLine = (
  started: ReturnType<typeof spawnTarget>,
  kind: "READY" | "RESULT",
  file: string,
  limitMs: number,
): Promise<{ payload: unknown; at: number }> =>
  new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => {
      started.child.kill("SIGKILL");
      reject(new Error(`${file}: no ${kind} line within ${limitMs} ms\n${started.stderrTail()}`));
    }, limitMs);
    started.lines.on("line", (line) => {
      const parsed = parseLine(line);
      if (parsed?.kind !== kind) return;
      clearTimeout(timer);
      resolveLine({ payload: parsed.payload, at: performance.now() });
    });
    void started.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before ${kind}\n${started.stderrTail()}`));
    });
  });

/** A server target: resolves once it is listening; `stop()` ends it (SIGTERM, then SIGKILL). */
export const startTarget = async <T>(file: string, o: SpawnOptions): Promise<StartedChild<T>> => {
  const started = spawnTarget(file, o);
  const { payload, at } = await firstLine(started, "READY", file, o.limitMs);
  return {
    ready: payload as T,
    spawnToReadyMs: at - started.spawnedAt,
    spawnedAt: started.spawnedAt,
    stderrTail: started.stderrTail,
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
  const { payload } = await firstLine(started, "RESULT", file, o.limitMs);
  started.child.stdin?.end();
  await started.exited;
  return payload as T;
};
