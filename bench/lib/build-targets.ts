import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./children";

/**
 * Every benchmark target is bundled the way `npm run build` bundles the bot (the same esbuild
 * options, imported from scripts/build.mjs), and started with plain `node`: what is measured is
 * the JavaScript production runs, with no TypeScript loader in the process, and the bare Bolt
 * app is built exactly like the bot it is compared with. The bundles go under node_modules so
 * that their imports of packages resolve to the repository's node_modules. The bot's worker
 * threads are built beside them, as `npm run build` builds them beside dist/main.js.
 */

export const BUILT_TARGETS_DIR = join(REPO_ROOT, "node_modules/.cache/bench-targets");
const TARGETS_DIR = join(REPO_ROOT, "bench/targets");

export type BuiltTargets = Record<string, string>;

/** Builds bench/targets/*.ts; resolves with each target's name (file name, no extension) → its bundle. */
export const buildTargets = async (): Promise<BuiltTargets> => {
  const esbuild = await import("esbuild");
  const scriptUrl = pathToFileURL(join(REPO_ROOT, "scripts/build.mjs")).href;
  const { BUNDLE_OPTIONS, WORKER_ENTRY_POINTS } = (await import(scriptUrl)) as {
    BUNDLE_OPTIONS: Parameters<typeof esbuild.build>[0];
    WORKER_ENTRY_POINTS: { in: string; out: string }[];
  };
  const names = readdirSync(TARGETS_DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3));
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    absWorkingDir: REPO_ROOT,
    // The bot's worker threads are files of their own beside the bundles that start them.
    entryPoints: [
      ...names.map((n) => ({ in: join(TARGETS_DIR, `${n}.ts`), out: n })),
      ...WORKER_ENTRY_POINTS.map((w) => ({ in: join(REPO_ROOT, w.in), out: w.out })),
    ],
    outdir: BUILT_TARGETS_DIR,
    logLevel: "warning",
  });
  return Object.fromEntries(names.map((n) => [n, join(BUILT_TARGETS_DIR, `${n}.js`)]));
};

/** The bot's own production build (`npm run build`, only if a source changed): dist/main.js. */
export const buildProduction = (): string => {
  execFileSync(process.execPath, [join(REPO_ROOT, "scripts/build.mjs"), "--if-stale"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return join(REPO_ROOT, "dist/main.js");
};
