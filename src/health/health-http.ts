import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type HealthState, healthReport, readinessReport } from "./report";

/** How long `/readyz` waits for a fresh word from the panel before answering with what it knows. */
const READY_CHECK_WAIT_MS = 900;

export interface HealthSources {
  /** The state now; `checkPanel` first asks the panel when it has been quiet. */
  state(options: { checkPanel: boolean; waitMs: number }): Promise<HealthState>;
}

export const HEALTH_PATHS = ["/healthz", "/readyz"] as const;

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

/** Answers `/healthz` and `/readyz`; returns false for any other path. */
export const answerHealth = async (
  sources: HealthSources,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> => {
  const path = new URL(req.url ?? "/", "http://health.invalid").pathname;
  if (path === "/healthz") {
    sendJson(res, 200, healthReport(await sources.state({ checkPanel: false, waitMs: 0 })));
    return true;
  }
  if (path === "/readyz") {
    const state = await sources.state({ checkPanel: true, waitMs: READY_CHECK_WAIT_MS });
    const { httpStatus, body } = readinessReport(state);
    sendJson(res, httpStatus, body);
    return true;
  }
  return false;
};

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** Socket Mode has no HTTP server of its own: this one serves only the two probes. */
export const startHealthServer = async (
  sources: HealthSources,
  port: number,
): Promise<HealthServer> => {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD")
      return sendJson(res, 405, { error: "GET only" });
    answerHealth(sources, req, res).then(
      (answered) => {
        if (!answered) sendJson(res, 404, { error: "not found: try /healthz or /readyz" });
      },
      () => sendJson(res, 500, { error: "health check failed" }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
