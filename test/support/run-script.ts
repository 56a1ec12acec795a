import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
const tsx = join(repo, "node_modules/.bin/tsx");

/**
 * Runs one of the package's scripts as a real process, with exactly the given environment and
 * from an empty directory, so a developer's own `.env` cannot leak into the test.
 */
export const runScript = (
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  limitMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((done, fail) => {
    const child = spawn(tsx, [join(repo, script), ...args], {
      cwd: mkdtempSync(join(tmpdir(), "run-script-")),
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
      done({ code, stdout, stderr });
    });
  });

/** Starts a script and lets the test talk to it while it runs. */
export const startScript = (script: string, env: Record<string, string>) => {
  const child = spawn(tsx, [join(repo, script)], {
    cwd: mkdtempSync(join(tmpdir(), "run-script-")),
    env: { PATH: process.env.PATH ?? "", ...env },
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
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return {
    child,
    exited,
    output: () => output,
    waitForOutput: (pattern: RegExp, limitMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(output)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} in output:\n${output}`)),
          limitMs,
        );
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
