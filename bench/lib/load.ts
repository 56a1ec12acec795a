import { performance } from "node:perf_hooks";
import type { CommandDriver, CommandOutcome } from "./command-driver";

/**
 * Keeps `concurrency` commands in progress until `count` have been sent or `limitMs` has
 * passed, whichever comes first: a closed loop, like `-c` in most load tools. A command is in
 * progress until its answer arrives, not just its ack: otherwise the sender would outrun the
 * answers and the answer latency would only measure how long the run lasted.
 */
export const closedLoop = async (
  driver: CommandDriver,
  o: { concurrency: number; count: number; limitMs: number; firstIndex: number },
): Promise<CommandOutcome[]> => {
  const outcomes: CommandOutcome[] = [];
  const until = performance.now() + o.limitMs;
  let next = 0;
  const worker = async () => {
    while (next < o.count && performance.now() < until) {
      const i = next++;
      const outcome = await driver.send(o.firstIndex + i);
      outcomes.push(outcome);
      if (outcome.status === 200) await outcome.answer;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return outcomes;
};

export interface OpenLoopResult {
  outcomes: CommandOutcome[];
  /** Commands the schedule called for. */
  planned: number;
  /** True when too many were waiting for their ack and the rest of the schedule was dropped. */
  overloaded: boolean;
}

/**
 * Sends at a fixed rate whatever the answers do (an open loop), and times each command from the
 * moment it was due, so a server that falls behind cannot hide its backlog by slowing the
 * sender down. Bounded by `durationMs` and by `maxInFlight` commands awaiting their ack.
 */
export const openLoop = async (
  driver: CommandDriver,
  o: {
    rate: number;
    durationMs: number;
    maxInFlight: number;
    firstIndex: number;
    /** Ends the schedule early, once it returns true: "for as long as the digest runs". */
    stopWhen?: () => boolean;
  },
): Promise<OpenLoopResult> => {
  let planned = Math.max(1, Math.round((o.rate * o.durationMs) / 1000));
  const sends: Promise<CommandOutcome>[] = [];
  const start = performance.now();
  let sent = 0;
  let inFlight = 0;
  let overloaded = false;
  await new Promise<void>((done) => {
    const tick = () => {
      if (o.stopWhen?.()) planned = Math.max(1, sent);
      const due = Math.min(planned, Math.floor(((performance.now() - start) * o.rate) / 1000) + 1);
      while (sent < due && !overloaded) {
        if (inFlight >= o.maxInFlight) {
          overloaded = true;
          break;
        }
        const dueAt = start + (sent * 1000) / o.rate;
        inFlight += 1;
        sends.push(
          driver.send(o.firstIndex + sent, dueAt).finally(() => {
            inFlight -= 1;
          }),
        );
        sent += 1;
      }
      if (sent >= planned || overloaded) done();
      // Sleeps until the next command is due: at 20/s the runner should not wake 1,000 times a second.
      else setTimeout(tick, Math.max(1, start + (sent * 1000) / o.rate - performance.now()));
    };
    tick();
  });
  // Each send settles within its own request timeout.
  return { outcomes: await Promise.all(sends), planned, overloaded };
};
