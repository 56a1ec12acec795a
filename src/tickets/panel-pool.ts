import type { Socket } from "node:net";

/**
 * A fetch that never has more than `connections` sockets open, connecting ones included.
 *
 * Node's built-in fetch pools without any limit, and after an aborted request undici reconnects
 * of its own accord; even undici's own pool (`connections`) lets a new socket open before the
 * aborted one has closed (8 sockets seen for a pool of 4). So the cap is kept where sockets are
 * made: a socket is counted from the moment it is asked for until it has closed, and one more
 * waits its turn. The request gate keeps requests to the same number, so a turn is quick.
 *
 * undici's own fetch, not Node's, so that Node 20, 24 and 26 run the same code. It is loaded with
 * the first request, not when the bot starts.
 */
export const cappedFetch = (connections: number): typeof fetch => {
  let ready: Promise<typeof fetch> | undefined;
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    ready ??= import("undici").then((undici) => capped(undici, connections));
    return ready.then((doFetch) => doFetch(input, init));
  }) as typeof fetch;
};

const capped = (undici: typeof import("undici"), connections: number): typeof fetch => {
  const { Agent, buildConnector, fetch: undiciFetch } = undici;
  const connect = buildConnector({});
  let open = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    open -= 1;
    waiting.shift()?.();
  };

  const dispatcher = new Agent({
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
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...init, dispatcher } as never)) as unknown as typeof fetch;
};
