import type { DigestOutcome } from "../digest/run-digest";
import { type ScheduleHandle, startSchedule } from "../digest/schedule";
import { type DigestFlowDeps, runChannelDigest } from "../flows/digest";
import type { Logger } from "../logger";
import type { PostDigest } from "./digest-poster";
import type { InFlight } from "./in-flight";

/** The running bot's digests: the in-process schedule, and the last outcome for `/healthz`. */
export const createDigestRunner = (o: {
  flow: DigestFlowDeps;
  post: PostDigest;
  logger: Logger;
  inFlight: InFlight;
  backoffMs?: number;
}) => {
  let last: DigestOutcome | undefined;
  let schedule: ScheduleHandle | undefined;
  const runNow = async () => {
    last = await o.inFlight.track(
      runChannelDigest({ ...o.flow, post: o.post, backoffMs: o.backoffMs }),
    );
  };
  return {
    runNow,
    last: () => last,
    start() {
      const { channels, schedule: expr, timeZone } = o.flow.digest;
      if (channels.length === 0) return;
      if (!expr) {
        o.logger.info("digest schedule is off; run `npm run digest` to post one");
        return;
      }
      schedule = startSchedule({ expr, timeZone, run: runNow, logger: o.logger });
      o.logger.info(
        `digest to ${channels.join(", ")} on "${expr}" (${timeZone}); next ${schedule.nextRun()?.toISOString() ?? "never"}`,
      );
    },
    stop: () => schedule?.stop(),
  };
};
