import { getPriority, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { releaseBody } from "../../tickets/body-chunks";
import { describeUnreadable, readPageBody } from "../../tickets/interpret-answer";
import { digestPageSchema } from "../../tickets/schemas";
import { createDigestAggregator } from "../aggregate";
import { encodeError, type FoldStart, type FromThread, type ToThread } from "./messages";

/**
 * The digest's worker thread: every page's bytes are decoded, parsed, judged, validated row by
 * row and folded here, one page at a time in the order they arrive, on one aggregator, so the
 * bot's event loop only fetches. Started by worker-folder.ts; bundled as dist/digest-worker.js.
 */

const port = parentPort;
if (!port) throw new Error("fold-thread runs as a worker thread only");

/**
 * A digest is background work, an ack is not: this thread gives way to the event loop when both
 * want a core. Linux gives each thread a nice value of its own (elsewhere it would be the whole
 * process's, so it is left alone there). Measured with 20 commands a second during a
 * 100,000-ticket digest on a busy machine: the slowest ack 98 ms at 0, 20 ms at +10, the digest
 * no slower.
 */
const NICE_STEP = 10;
const NICEST = 19;
if (process.platform === "linux") {
  try {
    // Relative to the thread it was started from, so a bot run under `nice` keeps the gap.
    setPriority(0, Math.min(NICEST, getPriority(0) + NICE_STEP));
  } catch {
    // A sandbox may refuse it; the digest is right either way.
  }
}
const start = workerData as FoldStart;
const aggregator = createDigestAggregator({
  ...start.aggregator,
  now: new Date(start.aggregator.nowMs),
});

port.on("message", (message: ToThread) => {
  if (message.kind === "finish") {
    const summary = aggregator.result();
    const reply: FromThread = { kind: "summary", summary };
    port.postMessage(reply, summary.waitingIds ? [summary.waitingIds.buffer as ArrayBuffer] : []);
    return;
  }
  let reply: FromThread;
  try {
    const page = readPageBody(message.body, digestPageSchema, start.token);
    aggregator.add(page);
    const unreadable = describeUnreadable(page, start.token);
    reply = {
      kind: "folded",
      id: message.id,
      meta: page.meta,
      ...(unreadable === undefined ? {} : { unreadable }),
    };
  } catch (error) {
    reply = { kind: "refused", id: message.id, error: encodeError(error) };
  } finally {
    // Read: its bytes are freed now, not when a collection finds them (see releaseBody).
    releaseBody(message.body.chunks);
  }
  port.postMessage(reply);
});
