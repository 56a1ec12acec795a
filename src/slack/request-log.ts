import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { PanelOutcome } from "../health/panel-status";
import type { Logger } from "../logger";

/**
 * One info line per handled command or click: what, who, where, how long, what the panel
 * answered and how it ended. Never the command's text or anything from a ticket.
 */

interface RequestRecord {
  passedGuard: boolean;
  upstreamStatus: number | string | undefined;
  upstreamCalls: number;
  upstreamFailed: boolean;
  undelivered: boolean;
}

const current = new AsyncLocalStorage<RequestRecord>();

/** Called for every ticket API call; counts toward the request in progress, if any. */
export const noteUpstream = (outcome: PanelOutcome) => {
  const record = current.getStore();
  if (!record) return;
  record.upstreamCalls += 1;
  record.upstreamStatus =
    outcome.kind === "answered" ? outcome.status : (outcome.status ?? outcome.error);
  if (outcome.kind === "failed" || outcome.status !== 200) record.upstreamFailed = true;
};

/** An answer that could not be delivered to Slack. */
export const noteUndelivered = () => {
  const record = current.getStore();
  if (record) record.undelivered = true;
};

type LooseBody = Record<string, unknown> & {
  command?: string;
  type?: string;
  user_id?: string;
  channel_id?: string;
  user?: { id?: string };
  channel?: { id?: string };
  container?: { channel_id?: string };
  actions?: { action_id?: string }[];
  view?: { callback_id?: string };
  event?: { type?: string; user?: unknown; channel?: unknown };
};

const describe = (body: LooseBody) => {
  if (typeof body.command === "string") {
    return {
      what: body.command,
      fields: {
        kind: "command",
        command: body.command,
        user: body.user_id,
        channel: body.channel_id,
      },
    };
  }
  const user = body.user?.id;
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (body.type === "block_actions") {
    const action = body.actions?.[0]?.action_id;
    return { what: `click ${action ?? "?"}`, fields: { kind: "click", action, user, channel } };
  }
  if (body.type === "view_submission" || body.type === "view_closed") {
    const callbackId = body.view?.callback_id;
    return {
      what: `${body.type} ${callbackId ?? "?"}`,
      fields: { kind: body.type, callbackId, user },
    };
  }
  const { event } = body;
  const type = event?.type ?? body.type ?? "request";
  return {
    what: type,
    fields: {
      kind: "event",
      event: type,
      // An event names its user and channel inside it (app_home_opened, link_shared).
      user: typeof event?.user === "string" ? event.user : user,
      channel: typeof event?.channel === "string" ? event.channel : channel,
    },
  };
};

const outcomeOf = (record: RequestRecord, threw: boolean) => {
  if (threw) return "error";
  if (!record.passedGuard) return "refused";
  if (record.undelivered) return "undelivered";
  if (record.upstreamFailed) return "upstream-failed";
  return "ok";
};

/**
 * `first` goes before every other middleware, `afterGuard` right after the request guard (a
 * request that never reaches it was refused).
 */
export const requestLog = (logger: Logger) => {
  const first: Middleware<AnyMiddlewareArgs> = async ({ body, next }) => {
    const started = performance.now();
    const record: RequestRecord = {
      passedGuard: false,
      upstreamStatus: undefined,
      upstreamCalls: 0,
      upstreamFailed: false,
      undelivered: false,
    };
    let threw = false;
    try {
      await current.run(record, next);
    } catch (error) {
      threw = true;
      throw error;
    } finally {
      const { what, fields } = describe(body as LooseBody);
      logger
        .with({
          ...fields,
          durationMs: Math.round(performance.now() - started),
          upstreamStatus: record.upstreamStatus,
          upstreamCalls: record.upstreamCalls,
          outcome: outcomeOf(record, threw),
        })
        .info(`handled ${what}`);
    }
  };
  const afterGuard: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    const record = current.getStore();
    if (record) record.passedGuard = true;
    await next();
  };
  return { first, afterGuard };
};
