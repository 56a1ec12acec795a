import type { CustomRoute } from "@slack/bolt";
import { answerHealth, HEALTH_PATHS, type HealthSources } from "../health/health-http";

/** HTTP mode: `/healthz` and `/readyz` on the same port as `/slack/events`. */
export const healthRoutes = (sources: HealthSources): CustomRoute[] =>
  HEALTH_PATHS.map((path) => ({
    path,
    method: ["GET", "HEAD"],
    handler: (req, res) => {
      answerHealth(sources, req, res).catch(() => {
        res.writeHead(500).end();
      });
    },
  }));
