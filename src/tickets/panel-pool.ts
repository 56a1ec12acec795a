import type { Socket } from "node:net";
import type { Dispatcher } from "undici";

/**
 * HTTP to the panel that never has more than `connections` sockets open, connecting ones
 * included.
 *
 * Node's built-in fetch pools without any limit, and after an aborted request undici reconnects
 * of its own accord; even undici's own pool (`connections`) lets a new socket open before the
 * aborted one has closed (8 sockets seen for a pool of 4). So the cap is kept where sockets are
 * made: a socket is counted from the moment it is asked for until it has closed, and one more
 * waits its turn. The request gate keeps requests to the same number, so a turn is quick.
 *
 * undici's own, not Node's, so that Node 20, 24 and 26 run the same code. It is loaded with the
 * first request, not when the bot starts.
 */

type Undici = typeof import("undici");

/** One GET through the capped pool with undici's `request()`: no Request, Response or stream. */
export type PanelRequest = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<Dispatcher.ResponseData>;

export const cappedRequest = (connections: number): PanelRequest => {
  let ready: Promise<{ undici: Undici; dispatcher: Dispatcher }> | undefined;
  return async (url, init) => {
    ready ??= import("undici").then((undici) => ({
      undici,
      dispatcher: cappedAgent(undici, connections),
    }));
    const { undici, dispatcher } = await ready;
    return undici.request(url, {
      method: "GET",
      headers: init.headers,
      signal: init.signal,
      dispatcher,
    });
  };
};

const cappedAgent = (undici: Undici, connections: number): Dispatcher => {
  const { Agent, buildConnector } = undici;
  const connect = buildConnector({});
  let open = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    open -= 1;
    waiting.shift()?.();
  };

  // No interceptors: a body's chunks are handed on to the digest's thread, emptying them here,
  // and an interceptor that kept them (undici's cache does) would find them empty.
  return new Agent({
    connections,
    connect: (options, callback) => {
      const start = () => {
        open += 1;
        connect(options, (error, socket) => {
          if (error !== null) {
            release();
            callback(error, null);
            return;
          }
          (socket as Socket).once("close", release);
          callback(null, socket);
        });
      };
      if (open < connections) start();
      else waiting.push(start);
    },
  });
};
