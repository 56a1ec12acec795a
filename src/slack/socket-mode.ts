import type { AppOptions, Logger as BoltLogger } from "@slack/bolt";
import { SocketModeReceiver } from "./bolt";
import { slackClientOptions } from "./web-client-options";

type WebClientOptions = NonNullable<AppOptions["clientOptions"]>;

/**
 * How quickly a dead connection is noticed and replaced. Unset fields keep the defaults, which
 * suit production; tests shorten them so a reconnect takes milliseconds rather than seconds.
 */
export interface SocketModeTimings {
  /**
   * How long a pong to the client's ping may take before the connection counts as dead. It is
   * also the wait before each reconnect attempt (times the attempt number).
   */
  clientPingTimeoutMs?: number;
  /** How long Slack may go without pinging us, once it has pinged at all. */
  serverPingTimeoutMs?: number;
  /** First wait before asking `apps.connections.open` again after it failed (doubles, up to 30 s). */
  openRetryMs?: number;
}

export interface SocketModeReceiverOptions extends SocketModeTimings {
  appToken: string | undefined;
  slackApiUrl: string | undefined;
  logger: BoltLogger;
}

/**
 * Options for the client that calls `apps.connections.open`. Left to itself, the receiver's
 * client would get the app's own short-retry options (Bolt's `installerOptions.clientOptions`
 * default to them), and @slack/socket-mode 3.1 gives up on a network or HTTP failure of that
 * call once its client stops retrying (`retrieveWSSURL` calls `WebAPIRequestError` and
 * `WebAPIHTTPError` unrecoverable). During a reconnect nothing handles that rejection
 * (`delayReconnectAttempt` runs `cb.apply(this).then(res)`), so it ends the process. Upstream:
 * https://github.com/slackapi/node-slack-sdk/issues/2656 reports that unhandled rejection on
 * the reconnect path (there from `disconnect()` racing a reconnect; it was closed as stale and
 * the path is unchanged in 3.1.0), and
 * https://github.com/slackapi/node-slack-sdk/issues/1626 a Socket Mode app crashing during a
 * Slack outage. So this one call keeps trying through an outage, backing off to one try every
 * 30 s.
 */
export const socketModeClientOptions = (
  slackApiUrl: string | undefined,
  openRetryMs = 1_000,
): WebClientOptions => ({
  ...slackClientOptions(slackApiUrl),
  // Waiting out a Retry-After is right here: this client makes no other call it could hold up.
  rejectRateLimitedCalls: false,
  retryConfig: {
    forever: true,
    factor: 2,
    minTimeout: openRetryMs,
    maxTimeout: Math.max(openRetryMs, 30_000),
    randomize: true,
  },
});

/**
 * @slack/socket-mode's reconnect does not look again after awaiting a fresh URL, so one under
 * way when `stop()` is called would open a connection afterwards and keep taking commands.
 */
class StoppableSocketModeReceiver extends SocketModeReceiver {
  private stopped = false;
  private connected = false;

  constructor(options: ConstructorParameters<typeof SocketModeReceiver>[0]) {
    super(options);
    this.client.on("connected", () => {
      this.connected = !this.stopped;
      if (this.stopped) void this.client.disconnect();
    });
    // The client reports an old socket's close after a replacement may already be open.
    const socketOf = this.client as unknown as { websocket?: { isActive(): boolean } };
    this.client.on("close", () => {
      this.connected = socketOf.websocket?.isActive() === true;
    });
    this.client.on("disconnected", () => {
      this.connected = false;
    });
  }

  /** A WebSocket to Slack is open and greeted (for `/readyz`). */
  isConnected() {
    return this.connected;
  }

  override start() {
    this.stopped = false;
    return super.start();
  }

  override stop() {
    this.stopped = true;
    return super.stop();
  }
}

/**
 * The receiver Bolt would build for `socketMode: true`, built here. Bolt's `App` builds it
 * with the app token, the logger and `installerOptions` (so Web API options of its own could
 * go there), but never passes the heartbeat timings (`clientPingTimeout`, `serverPingTimeout`),
 * and the stop above needs a subclass in any case.
 */
export const createSocketModeReceiver = (options: SocketModeReceiverOptions) => {
  if (!options.appToken) throw new Error("Socket Mode needs an app-level token (xapp-…)");
  return new StoppableSocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    clientPingTimeout: options.clientPingTimeoutMs,
    serverPingTimeout: options.serverPingTimeoutMs,
    installerOptions: {
      clientOptions: socketModeClientOptions(options.slackApiUrl, options.openRetryMs),
    },
  });
};
