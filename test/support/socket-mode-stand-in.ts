import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { Recorder } from "../../src/demo/fakes/recorder";

/**
 * A loopback stand-in for Slack's Socket Mode server. Pair it with the Slack HTTP stand-in:
 * its `apps.connections.open` should answer with `newConnectionUrl()`, as Slack hands out a
 * fresh single-use URL for every connection. Everything the bot sends back is recorded.
 */

export interface SocketConnection {
  /** 1 for the first connection, counting up across reconnects. */
  index: number;
  /** The `ticket` query parameter of the URL the client connected to. */
  ticket: string | undefined;
}

export interface SocketClose {
  index: number;
  /** 1000 when the client closed politely, 1006 when the connection just went away. */
  code: number;
}

export interface SocketAck {
  envelopeId: string;
  /** What the bot passed to `ack()`; Bolt sends `{}` for a bare ack. */
  payload: Record<string, unknown> | undefined;
  /** The connection the ack came back on. */
  connection: number;
}

export interface SocketEnvelope {
  envelope_id: string;
  type: "slash_commands" | "interactive" | "events_api";
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** Slash command fields as Socket Mode carries them: the HTTP form's fields, as JSON. */
export interface SlashCommandFields {
  command: string;
  text: string;
  response_url: string;
  [field: string]: unknown;
}

export interface SocketModeStandInOptions {
  teamId?: string;
  appId?: string;
}

export const startSocketModeStandIn = async (options: SocketModeStandInOptions = {}) => {
  const teamId = options.teamId ?? "T111";
  const appId = options.appId ?? "A111";
  const connections = new Recorder<SocketConnection>();
  const closes = new Recorder<SocketClose>();
  const acks = new Recorder<SocketAck>();
  /** Frames that were not acks, so a test can see anything unexpected the client sent. */
  const other = new Recorder<unknown>();
  const open = new Map<number, WebSocket>();
  let nextTicket = 0;
  let nextEnvelope = 0;

  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

  server.on("connection", (socket, request) => {
    const index = connections.items.length + 1;
    const ticket = new URL(request.url ?? "/", base).searchParams.get("ticket") ?? undefined;
    open.set(index, socket);
    socket.on("close", (code) => {
      open.delete(index);
      closes.push({ index, code });
    });
    // A client torn down mid-frame surfaces here; it is the drop a test asked for, not a failure.
    socket.on("error", () => {});
    socket.on("message", (data, isBinary) => {
      if (isBinary) return;
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        other.push(data.toString());
        return;
      }
      if (frame && typeof frame === "object" && "envelope_id" in frame) {
        const { envelope_id, payload } = frame as { envelope_id: unknown; payload?: unknown };
        acks.push({
          envelopeId: String(envelope_id),
          payload: payload as Record<string, unknown> | undefined,
          connection: index,
        });
      } else {
        other.push(frame);
      }
    });
    // Slack's first frame; the client reports itself connected only once this arrives.
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: open.size,
        debug_info: {
          host: "applink-stand-in",
          build_number: 1,
          approximate_connection_time: 18060,
        },
        connection_info: { app_id: appId },
      }),
    );
    connections.push({ index, ticket });
  });

  const latestOpen = () => {
    const index = Math.max(...open.keys());
    const socket = open.get(index);
    if (!socket) throw new Error("no Socket Mode client is connected");
    return socket;
  };

  const send = (envelope: Omit<SocketEnvelope, "envelope_id">) => {
    nextEnvelope += 1;
    const full: SocketEnvelope = { envelope_id: `env-${nextEnvelope}`, ...envelope };
    latestOpen().send(JSON.stringify(full));
    return full.envelope_id;
  };

  return {
    teamId,
    connections,
    closes,
    acks,
    other,
    /** Connections open right now. */
    get openCount() {
      return open.size;
    },
    /** A fresh URL for `apps.connections.open` to hand out. */
    newConnectionUrl: () => {
      nextTicket += 1;
      return `${base}/link/?ticket=t${nextTicket}&app_id=${appId}`;
    },
    /** Waits for the n-th connection (1-based) to have been greeted. */
    waitForConnection: (n: number, limitMs?: number) =>
      connections.waitFor((c) => c.index === n, limitMs),
    /** Waits for the n-th connection (1-based) to have closed, from either end. */
    waitForClose: (n: number, limitMs?: number) => closes.waitFor((c) => c.index === n, limitMs),
    waitForAck: (envelopeId: string, limitMs?: number) =>
      acks.waitFor((a) => a.envelopeId === envelopeId, limitMs),
    /** Pushes a raw envelope to the newest connection; returns its envelope_id. */
    send,
    /** Pushes a slash command; returns its envelope_id. */
    slashCommand: (fields: SlashCommandFields) =>
      send({
        type: "slash_commands",
        payload: {
          token: "verification-token",
          team_id: teamId,
          team_domain: "example",
          channel_id: "C111",
          channel_name: "support",
          user_id: "W111",
          user_name: "agent",
          api_app_id: appId,
          is_enterprise_install: "false",
          trigger_id: "111.222.trigger",
          ...fields,
        },
        accepts_response_payload: true,
      }),
    /** Pushes an `interactive` payload (e.g. block_actions); returns its envelope_id. */
    interactive: (payload: Record<string, unknown>) =>
      send({ type: "interactive", payload, accepts_response_payload: false }),
    /** Slack's polite "please reconnect" (it sends this before recycling a server). */
    requestDisconnect: (reason = "refresh_requested") => {
      latestOpen().send(JSON.stringify({ type: "disconnect", reason, debug_info: {} }));
    },
    /** Drops every connection without a close frame, as a network failure would. */
    dropConnections: () => {
      for (const socket of open.values()) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open.values()) socket.terminate();
        server.close(() => resolve());
      }),
  };
};

export type SocketModeStandIn = Awaited<ReturnType<typeof startSocketModeStandIn>>;
