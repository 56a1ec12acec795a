import type { CustomRoute } from "@slack/bolt";
import type { Clock } from "../clock";
import type { DigestOutcome } from "../digest/run-digest";

/** What `/healthz` reports; nothing in it is secret. */
export const healthReport = (
  startedAt: Date,
  now: Date,
  lastDigest: DigestOutcome | undefined,
) => ({
  status: "ok",
  uptimeSeconds: Math.round((now.getTime() - startedAt.getTime()) / 1000),
  lastDigest: lastDigest
    ? {
        outcome: lastDigest.kind,
        at: lastDigest.at.toISOString(),
        ...(lastDigest.kind === "not-built"
          ? { error: lastDigest.error instanceof Error ? lastDigest.error.name : "unknown" }
          : {
              postedTo: lastDigest.posted,
              failedChannels: lastDigest.failed.map((f) => f.channel),
            }),
      }
    : null,
});

export const healthRoute = (
  clock: Clock,
  lastDigest: () => DigestOutcome | undefined,
): CustomRoute => {
  const startedAt = clock.now();
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(healthReport(startedAt, clock.now(), lastDigest())));
    },
  };
};
