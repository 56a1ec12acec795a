import { type AppOptions, type Logger as BoltLogger, SocketModeReceiver } from "@slack/bolt";
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
 * Options for the client that calls `apps.connections.open`. Bolt would hand it the app's
 * short-retry options, and @slack/socket-mode treats an HTTP or network failure that outlasts
 * them as fatal: during a reconnect it becomes an unhandled rejection that kills the process.
 * So this one call keeps trying through a Slack outage, backing off to one try every 30 s.
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
 * The receiver Bolt would build for `socketMode: true`, built here because Bolt's `App`
 * passes neither the heartbeat timings nor separate Web API options to it.
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
