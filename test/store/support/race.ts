import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import type { WorkerTask } from "./store-worker";

const repo = resolve(import.meta.dirname, "../../..");
const tsx = join(repo, "node_modules/.bin/tsx");
const worker = join(import.meta.dirname, "store-worker.ts");

/**
 * Runs each task in its own process, lets them all connect, then starts them at one moment
 * and returns what each reported.
 */
export const race = async <T = Record<string, unknown>>(tasks: WorkerTask[], limitMs = 45_000) => {
  const children = tasks.map((task) => {
    const child = spawn(tsx, [worker, JSON.stringify(task)], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const ready = new Promise<void>((ok, fail) => {
      child.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("ready\n")) ok();
      });
      child.stderr.on("data", (chunk) => {
        err += chunk;
      });
      child.on("exit", () => fail(new Error(`worker exited before it was ready:\n${out}${err}`)));
    });
    const done = new Promise<T & { ok: boolean; error?: string }>((ok, fail) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        fail(new Error(`worker did not finish within ${limitMs} ms:\n${out}${err}`));
      }, limitMs);
      child.on("exit", () => {
        clearTimeout(timer);
        const last = out.trim().split("\n").at(-1) ?? "";
        try {
          ok(JSON.parse(last));
        } catch {
          fail(new Error(`worker printed no result:\n${out}${err}`));
        }
      });
    });
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end("go\n");
  return Promise.all(children.map((c) => c.done));
};
