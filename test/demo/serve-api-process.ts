// startScript runs a script without arguments; this is `npm run demo -- --serve-api --port 0`.
process.argv.splice(2, Number.POSITIVE_INFINITY, "--serve-api", "--port", "0");
await import("../../src/demo/main");

export {};
