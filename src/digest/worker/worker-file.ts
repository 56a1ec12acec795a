import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { FoldStart } from "./messages";

/**
 * Where the fold thread's code is, and how to start it. The thread is a file of its own beside
 * the code that starts it:
 * - in a bundle (dist/, or the benchmark's targets), `digest-worker.js`, which
 *   scripts/build.mjs builds as an entry point of its own;
 * - in the TypeScript sources (tests, `tsx`), `fold-thread.ts`, started through tsx's loader
 *   (Node does not lend a worker its parent's loader): tsx is a devDependency, and is installed
 *   wherever the sources run.
 */

const BUNDLED_FILE = "./digest-worker.js";
const SOURCE_FILE = "./fold-thread.ts";

/**
 * Past the old generation's bound the thread stops with ERR_WORKER_OUT_OF_MEMORY and the digest
 * fails, instead of the whole bot: a page is at most 17 MB of bytes (panel-limits.ts), a few
 * times that parsed. The young generation is held at 8 MB: since a page's rows are validated by
 * compiled code, a larger one only measured more RSS growth in a 100,000-ticket digest (48 MB:
 * 7–20 MB more than 16; on Node 26, 16 MB: 20–30 MB more than 8), and no faster a digest
 * (docs/performance.md).
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

const fromSources = import.meta.url.endsWith(".ts");

/** The thread file this code starts: the bundle's, or the sources'. */
export const foldThreadFile = (): URL =>
  new URL(fromSources ? SOURCE_FILE : BUNDLED_FILE, import.meta.url);

/** A module that loads a TypeScript file in a worker, through tsx. */
const throughTsx = (file: URL): URL => {
  let api: string;
  try {
    // The "require" condition's file has an ".mjs" twin, which a module can import.
    api = createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs");
  } catch {
    throw new Error("running the TypeScript sources needs tsx, a devDependency: run `npm ci`");
  }
  const code = `import { tsImport } from ${JSON.stringify(pathToFileURL(api).href)};
await tsImport(${JSON.stringify(file.href)}, import.meta.url);`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
};

export const startFoldThread = (start: FoldStart, file = foldThreadFile()): Worker =>
  new Worker(file.pathname.endsWith(".ts") ? throughTsx(file) : file, {
    workerData: start,
    resourceLimits: RESOURCE_LIMITS,
  });
