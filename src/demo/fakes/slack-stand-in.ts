import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Recorder } from "./recorder";

/**
 * A loopback stand-in for Slack: the Web API under `/api/{method}` and `response_url`s under
 * `/response/{id}`. It records everything the bot sends.
 */

export interface WebApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The `hash` Slack gave the view this call published, for a later click on it to carry. */
  viewHash?: string;
}

export interface ResponsePost {
  id: string;
  body: {
    text?: string;
    blocks?: unknown[];
    response_type?: string;
    replace_original?: boolean;
    delete_original?: boolean;
    [key: string]: unknown;
  };
}

export interface StandInReply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface SlackStandInOptions {
  teamId?: string;
  /** Overrides per Web API method; return undefined to fall through to the default. */
  webApi?: (call: WebApiCall) => StandInReply | undefined | Promise<StandInReply | undefined>;
  /** Overrides for response_url posts. */
  responseUrl?: (post: ResponsePost) => StandInReply | undefined;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

const parseWebApiBody = (raw: string, contentType: string | undefined): Record<string, unknown> => {
  if (contentType?.includes("application/json"))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = v.startsWith("[") || v.startsWith("{") ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
};

const send = (res: ServerResponse, reply: StandInReply) => {
  const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    "content-type": typeof reply.body === "string" ? "text/plain" : "application/json",
    ...reply.headers,
  });
  res.end(body);
};

export const startSlackStandIn = async (options: SlackStandInOptions = {}) => {
  const teamId = options.teamId ?? "T111";
  const calls = new Recorder<WebApiCall>();
  const responses = new Recorder<ResponsePost>();
  let nextId = 0;
  let viewCount = 0;
  // Every message gets a ts of its own, as Slack's are, however many arrive in one millisecond.
  let messages = 0;
  // Each person's Home tab as last published, by its hash: a publish naming an older one is
  // refused, as Slack refuses it.
  const homes = new Map<string, string>();
  const settleHome = (call: WebApiCall) => {
    const userId = String(call.body.user_id);
    const asked = call.body.hash;
    if (typeof asked === "string" && asked !== homes.get(userId)) return;
    viewCount += 1;
    call.viewHash = `${viewCount}.home`;
    homes.set(userId, call.viewHash);
  };

  const defaultWebApi = (call: WebApiCall): StandInReply => {
    switch (call.method) {
      case "auth.test":
        return {
          body: {
            ok: true,
            url: "https://example.slack.com/",
            team: "Example",
            user: "ticketsbot",
            team_id: teamId,
            user_id: "UBOT",
            bot_id: "BBOT",
          },
        };
      case "chat.postMessage":
        messages += 1;
        return {
          body: {
            ok: true,
            channel: call.body.channel,
            ts: `${Math.floor(Date.now() / 1000)}.${String(messages).padStart(6, "0")}`,
            message: {},
          },
        };
      // A public channel the bot is a member of, unless a test says otherwise.
      case "conversations.info":
        return {
          body: {
            ok: true,
            channel: {
              id: call.body.channel,
              is_channel: true,
              is_private: false,
              is_archived: false,
              is_member: true,
            },
          },
        };
      case "views.publish":
        return call.viewHash === undefined
          ? { body: { ok: false, error: "hash_conflict" } }
          : {
              body: {
                ok: true,
                view: { id: `VHOME${String(call.body.user_id)}`, hash: call.viewHash },
              },
            };
      case "views.open":
      case "views.update": {
        viewCount += 1;
        const id = typeof call.body.view_id === "string" ? call.body.view_id : `V${viewCount}`;
        return { body: { ok: true, view: { id, hash: `h${viewCount}` } } };
      }
      default:
        return { body: { ok: true } };
    }
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const raw = await readBody(req);
    if (url.pathname.startsWith("/api/")) {
      const call: WebApiCall = {
        method: url.pathname.slice("/api/".length),
        body: parseWebApiBody(raw, req.headers["content-type"]),
        authorization: req.headers.authorization,
      };
      // Settled as it is recorded, so a test that sees the call also sees what Slack made of it.
      if (call.method === "views.publish") settleHome(call);
      calls.push(call);
      send(res, (await options.webApi?.(call)) ?? defaultWebApi(call));
      return;
    }
    if (url.pathname.startsWith("/response/")) {
      const post: ResponsePost = {
        id: url.pathname.slice("/response/".length),
        body: JSON.parse(raw),
      };
      responses.push(post);
      send(res, options.responseUrl?.(post) ?? { body: "ok" });
      return;
    }
    send(res, { status: 404, body: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    /** Scheme, host and port of the `response_url`s it hands out (`SLACK_HOOKS_URL`). */
    origin: base,
    teamId,
    calls,
    responses,
    /** A fresh response_url, as Slack gives one per command or click. */
    newResponseUrl: () => {
      nextId += 1;
      return { id: String(nextId), url: `${base}/response/${nextId}` };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type SlackStandIn = Awaited<ReturnType<typeof startSlackStandIn>>;
