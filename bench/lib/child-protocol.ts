import { createInterface } from "node:readline";

/**
 * How a target talks to the runner: `READY {json}` once listening, `RESULT {json}` when a
 * one-shot target is done, `DONE {json}` when a job the runner asked for has finished, and
 * `SAMPLE {json}` for periodic readings, one line each on stdout. The runner asks for jobs with
 * one word per line on the target's stdin. Targets also exit on their own when the runner goes
 * away (stdin closes) or after a hard time limit, so no benchmark process can outlive its run.
 */

export const LINE_KINDS = ["READY", "RESULT", "DONE", "SAMPLE"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** Longer than any full run; only reached if something hangs. */
const MAX_LIFETIME_MS = 20 * 60_000;

export const announce = (kind: LineKind, payload: object): void => {
  process.stdout.write(`${kind} ${JSON.stringify(payload)}\n`);
};

export const parseLine = (line: string): { kind: LineKind; payload: unknown } | undefined => {
  const space = line.indexOf(" ");
  const kind = LINE_KINDS.find((k) => k === line.slice(0, space));
  if (!kind) return undefined;
  try {
    return { kind, payload: JSON.parse(line.slice(space + 1)) };
  } catch {
    return undefined;
  }
};

/** Runs `stop` on SIGTERM/SIGINT or when the runner closes our stdin, then exits. */
export const exitWithRunner = (stop: () => Promise<void> = async () => {}): void => {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await stop();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
  process.stdin.on("close", () => void shutdown());
  process.stdin.resume();
  setTimeout(() => process.exit(3), MAX_LIFETIME_MS).unref();
};

/** Calls `handle` with each line the runner writes to our stdin (a job such as `DIGEST`). */
export const onRunnerLine = (handle: (line: string) => void): void => {
  createInterface({ input: process.stdin }).on("line", (line) => handle(line.trim()));
};

/** The value after `--name`, for the few arguments the runner passes. */
export const argValue = (name: string, fallback?: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : process.argv[at + 1];
  if (value === undefined) throw new Error(`missing --${name}`);
  return value;
};
