// Preloaded into a target (`node --require …`) by `bench/profile-answer.ts --allocations DIR`:
// V8's sampling heap profiler over the process's whole life, every sampled object counted whether
// the garbage collector took it or not (what a `--heap-prof` profile leaves out), written to
// DIR/allocations-PID.json as the process exits. CommonJS, so it runs before the bundle loads.
"use strict";
const { Session } = require("node:inspector");
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

const dir = process.env.BENCH_ALLOCATIONS_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("HeapProfiler.enable");
  session.post("HeapProfiler.startSampling", {
    samplingInterval: 8192,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  process.on("exit", () => {
    // The inspector answers a session of this thread at once, so this runs before exit ends.
    session.post("HeapProfiler.stopSampling", (error, result) => {
      if (!error)
        writeFileSync(join(dir, `allocations-${process.pid}.json`), JSON.stringify(result.profile));
    });
  });
}
