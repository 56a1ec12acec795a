import { connect, type Socket } from "node:net";
import { LOOPBACK } from "./settings";

/**
 * Unsigned requests with large bodies, as fast as the connections take them: each of
 * `connections` sockets posts one body to `/slack/events`, and is replaced by a fresh one as
 * soon as the bot answers or closes it. Nothing here is signed, so no body can ever be a command.
 */
export const startFlood = (port: number, connections: number, bodyBytes: number) => {
  const body = Buffer.alloc(bodyBytes, "a");
  const head = Buffer.from(
    [
      "POST /slack/events HTTP/1.1",
      `Host: ${LOOPBACK}`,
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${bodyBytes}`,
      "Connection: close",
      "",
      "",
    ].join("\r\n"),
  );
  const open = new Set<Socket>();
  let stopped = false;
  let requests = 0;
  const statuses = new Map<string, number>();

  const one = () => {
    if (stopped) return;
    requests += 1;
    const socket = connect(port, LOOPBACK);
    open.add(socket);
    let status: string | undefined;
    socket.on("data", (chunk) => {
      status ??= chunk.toString("latin1").split("\r\n")[0]?.split(" ")[1];
    });
    // A refused body makes the bot close with bytes unread: a reset here is expected.
    socket.on("error", () => {});
    socket.on("close", () => {
      open.delete(socket);
      const key = status === undefined ? "reset before an answer" : `HTTP ${status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      setImmediate(one);
    });
    socket.write(head);
    socket.write(body);
  };
  for (let i = 0; i < connections; i++) one();

  return {
    stop: () => {
      stopped = true;
      for (const socket of open) socket.destroy();
      return { requests, statuses: Object.fromEntries(statuses) };
    },
  };
};
