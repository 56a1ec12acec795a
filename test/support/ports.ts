import { createServer } from "node:net";

/** A loopback port that was free a moment ago, for settings that refuse 0 (PORT, HEALTH_PORT). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
    server.on("error", reject);
  });
