// `npm run build`: the bot as plain JavaScript in dist/, so production runs `node dist/main.js`
// with no TypeScript compiler and no writable cache. Dependencies stay in node_modules
// (`npm ci --omit=dev` installs them); only our own code is bundled, and the few packages in
// BUNDLED_PACKAGES.
// `--if-stale` (what `npm start` runs first) builds only when a source changed since the last build.
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
const stampFile = join(outdir, "build.json");
/**
 * Code that runs on a worker thread of its own is a file of its own, beside the bundles that start
 * it (src/digest/worker/worker-file.ts finds it there). The benchmark builds these too.
 */
export const WORKER_ENTRY_POINTS = [
  { in: "src/digest/worker/fold-thread.ts", out: "digest-worker" },
];
export const ENTRY_POINTS = [
  "src/main.ts",
  "src/digest-once.ts",
  "src/migrate.ts",
  "src/healthcheck.ts",
  ...WORKER_ENTRY_POINTS,
];

/**
 * Packages bundled into dist/ instead of loaded from node_modules at start: ES modules of many
 * small files (kysely 280, zod 106), which Node's loader finds, reads and links one by one (64 ms
 * and 41 ms of a start; 11 ms and 22 ms bundled). CommonJS packages, native addons and Bolt stay
 * where they are.
 */
export const BUNDLED_PACKAGES = ["kysely", "zod"];

const packageName = (specifier) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];

/** Every package is left to node_modules, but those in BUNDLED_PACKAGES. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    // A bare specifier (not relative, not absolute); Node's own are external anyway.
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_PACKAGES.includes(packageName(args.path)) ? undefined : { external: true },
    );
  },
};

/**
 * CommonJS packages the bundles load with `require`, not `import`. To import a CommonJS file,
 * Node's ES module loader first lexes its source, and that of every file it re-exports, to learn
 * its named exports: 10–25 ms of CPU at start for Bolt and its Web API client (whose index
 * re-exports every method's file), a few more each for pino and dayjs. `require` skips that, and
 * returns the very object `import` would have given (test/production/build.test.ts checks each is
 * CommonJS for both, so there is one copy of it), where the `import` stood.
 */
export const REQUIRED_PACKAGES = ["@slack/bolt", "@slack/web-api", "pino", "dayjs"];

const REQUIRE_NAMESPACE = "required-package";
const REQUIRE_HELPER = "required-package:require";

/**
 * A static import of a package in REQUIRED_PACKAGES becomes a small CommonJS module inside the
 * bundle, whose exports are the package's `require`d: esbuild then reads its named imports off
 * that object. `require` itself comes from `createRequire(import.meta.url)`, so the package is
 * found from the bundle's own place, as its `import` was.
 */
const requiredPackages = {
  name: "required-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === REQUIRE_HELPER) return { path: args.path, namespace: REQUIRE_NAMESPACE };
      if (args.kind !== "import-statement") return undefined;
      if (!REQUIRED_PACKAGES.includes(packageName(args.path))) return undefined;
      return { path: args.path, namespace: REQUIRE_NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: REQUIRE_NAMESPACE }, (args) =>
      args.path === REQUIRE_HELPER
        ? {
            contents:
              'import { createRequire } from "node:module";\nexport const requirePackage = createRequire(import.meta.url);\n',
            loader: "js",
          }
        : {
            contents: `module.exports = require(${JSON.stringify(REQUIRE_HELPER)}).requirePackage(${JSON.stringify(args.path)});\n`,
            loader: "js",
          },
    );
  },
};

/**
 * zod's namespace of error-message locales (`z.locales`, 48 languages, 370 KB of the bundle that
 * every start parses: about 3–7 ms) holds only English here: the bot never reads zod's messages
 * in another language, and zod's own default, English, is imported apart from it.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /node_modules[\\/]zod[\\/]/.test(args.importer)
        ? {
            path: "zod/locales/index.js",
            namespace: "zod-locales",
            pluginData: { dir: join(dirname(args.importer), "../locales") },
          }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: "js",
      resolveDir: args.pluginData.dir,
    }));
  },
};

/** How the code is bundled; the benchmark builds its bare Bolt app the same way, to compare fairly. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  plugins: [requiredPackages, zodEnglishOnly, externalPackages],
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: "linked",
};

/** Why dist/ must be rebuilt, or undefined when it is up to date with every source it was built from. */
const staleReason = () => {
  if (!existsSync(stampFile)) return "dist/ has not been built yet";
  const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  const builtAt = statSync(stampFile).mtimeMs;
  // A copy without sources (a production image) runs what was built.
  if (!existsSync(join(root, "src"))) return undefined;
  for (const input of [...stamp.inputs, "scripts/build.mjs", "package.json"]) {
    const path = join(root, input);
    if (!existsSync(path)) return `${input} is gone`;
    if (statSync(path).mtimeMs > builtAt) return `${input} changed`;
  }
  return undefined;
};

const build = async () => {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error(
      "esbuild is not installed (was this `npm ci --omit=dev`?): run `npm ci`, then `npm run build`",
    );
  }
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const result = await esbuild.build({
    ...BUNDLE_OPTIONS,
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir,
    metafile: true,
    logLevel: "warning",
    banner: {
      js: `// slack-ticket-queue ${version}: built by scripts/build.mjs; edit src/, not this.`,
    },
  });
  const inputs = Object.keys(result.metafile.inputs)
    // The modules made by requiredPackages are no files.
    .filter(
      (input) => !input.startsWith(`${REQUIRE_NAMESPACE}:`) && !input.startsWith("zod-locales:"),
    )
    .map((input) => relative(root, join(root, input)))
    .filter((input) => !input.startsWith("node_modules"));
  writeFileSync(stampFile, `${JSON.stringify({ version, inputs }, null, 2)}\n`);
  return inputs.length;
};

const main = async () => {
  const ifStale = process.argv.includes("--if-stale");
  const reason = staleReason();
  if (ifStale && reason === undefined) return;
  const started = performance.now();
  const count = await build();
  process.stderr.write(
    `built dist/ from ${count} source files in ${Math.round(performance.now() - started)} ms${
      ifStale ? ` (${reason})` : ""
    }\n`,
  );
};

// Imported (by the benchmark, for BUNDLE_OPTIONS) it builds nothing.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main().catch((error) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
}
