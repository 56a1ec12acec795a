import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const REPO = resolve(import.meta.dirname, "../..");

const SKIPPED = new Set([".git", "node_modules", "dist", "coverage", ".env"]);

const walk = (dir: string): string[] =>
  readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
  });

/** What a clone holds: git's tracked files, or (without .git) everything but what git ignores. */
export const trackedFiles = (): string[] => {
  try {
    return execFileSync("git", ["ls-files", "-z"], { cwd: REPO, encoding: "utf8" })
      .split("\0")
      .filter(Boolean);
  } catch {
    return walk("");
  }
};

/**
 * A copy of the repository as a fresh clone has it (no dist/, no .env) in an empty temporary
 * directory. `node_modules` is linked from this checkout: `npm ci` from the same lockfile would
 * put the same tree there, and installing it again would only cost time.
 */
export const cleanCopy = (files: readonly string[] = trackedFiles()): string => {
  const dir = mkdtempSync(join(tmpdir(), "clean-copy-"));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO, file), join(dir, file));
  }
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
};
