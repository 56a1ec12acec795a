import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const repo = resolve(import.meta.dirname, "../..");
const tsx = join(repo, "node_modules/.bin/tsx");

/**
 * Runs one of the package's scripts as a real process, with exactly the given environment and
 * from an empty directory, so a developer's own `.env` cannot leak into the test.
 */
/** A fresh empty working directory, removed again when the process exits. */
const emptyDir = () => mkdtempSync(join(tmpdir(), "run-script-"));

export const runScript = (
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  limitMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((done, fail) => {
    const cwd = emptyDir();
    const child = spawn(tsx, [join(repo, script), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`${script} did not exit within ${limitMs} ms\n${stderr}`));
    }, limitMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      done({ code, stdout, stderr });
    });
  });

/** Starts a script (through tsx) and lets the test talk to it while it runs. */
export const startScript = (script: string, env: Record<string, string>) => {
  const cwd = emptyDir();
  const started = startProcess(tsx, [join(repo, script)], { cwd, env });
  void started.exit.then(() => rmSync(cwd, { recursive: true, force: true }));
  return started;
};

/**
 * Starts a script as one Node process of its own (tsx loaded into it, not wrapped around it), so
 * that a signal the test sends, SIGKILL included, reaches the script itself and nothing is left
 * running behind it.
 */
export const startNodeScript = (script: string, env: Record<string, string>) => {
  const cwd = emptyDir();
  const loader = pathToFileURL(join(repo, "node_modules/tsx/dist/loader.mjs")).href;
  const started = startProcess(process.execPath, ["--import", loader, join(repo, script)], {
    cwd,
    env,
  });
  void started.exit.then(() => rmSync(cwd, { recursive: true, force: true }));
  return started;
};

/** Starts any command with exactly the given environment (plus PATH) and watches its output. */
export const startProcess = (
  command: string,
  args: string[],
  o: { cwd: string; env: Record<string, string> },
) => {
  const child = spawn(command, args, {
    cwd: o.cwd,
    env: { PATH: process.env.PATH ?? "", ...o.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.filter((w) => w.pattern.test(output))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal })),
  );
  return {
    child,
    exit,
    exited: exit.then(({ code }) => code),
    output: () => output,
    /** Resolves once the output matches; rejects when the process exits or `limitMs` passes first. */
    waitForOutput: (pattern: RegExp, limitMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(output)) return resolve();
        const fail = (why: string) => reject(new Error(`no ${pattern} ${why}; output:\n${output}`));
        const timer = setTimeout(() => fail(`within ${limitMs} ms`), limitMs);
        void exit.then(({ code, signal }) => {
          // Output still in the pipes when the exit arrived is checked first.
          setImmediate(() => {
            if (!pattern.test(output)) fail(`before the process exited (${signal ?? code})`);
          });
        });
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
  };
};

export type RunningProcess = ReturnType<typeof startProcess>;
