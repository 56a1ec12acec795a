import type { WebClient } from "@slack/web-api";
import type * as z from "zod";
import { Recorder } from "../../src/demo/fakes/recorder";
import { createLanguageChoices } from "../../src/flows/language-choices";
import type { PreferencesPort } from "../../src/flows/ports";
import { createRenderContexts, type RenderContexts } from "../../src/flows/render-contexts";
import type { SubscriptionFlows } from "../../src/flows/subscriptions";
import { en, type Language } from "../../src/i18n";
import { createLogger } from "../../src/logger";
import type { RenderContext } from "../../src/render/context";
import { createInFlight } from "../../src/slack/in-flight";
import type { ListenerDeps } from "../../src/slack/listeners/deps";
import type { Reply } from "../../src/slack/replies";
import {
  type Responder,
  type ResponseUrlError,
  SerializedReply,
} from "../../src/slack/response-url";
import { digestPageSchema, listPageSchema, ticketPageSchema } from "../../src/tickets/schemas";
import type { TicketClient } from "../../src/tickets/ticket-client";
import { type TicketQuery, ticketQuery } from "../../src/tickets/ticket-query";

/**
 * Fakes for testing a listener or a flow without a running app, the way Slack's bolt-ts
 * starter template tests its listeners: a fake `ack`, and fake ports behind it that record
 * what would have gone to Slack.
 */

export const NOW = new Date("2026-03-10T12:00:00.000Z");
export const renderContext = (): RenderContext => ({ t: en, now: NOW, timeZone: "UTC" });

/**
 * Render contexts as the wiring builds them, at `NOW` in UTC unless a zone is configured. With
 * no `preferences` nobody's choice is kept (as in `npm run digest`); tests of choices give a
 * real store's.
 */
export const renderContexts = (
  o: {
    preferences?: PreferencesPort;
    workspaceLanguage?: Language;
    configuredTimeZone?: string;
    warn?: (line: string) => void;
    now?: () => number;
    readDeadlineMs?: number;
  } = {},
): RenderContexts =>
  createRenderContexts({
    choices: createLanguageChoices({
      preferences: o.preferences,
      workspaceLanguage: o.workspaceLanguage ?? "en",
      now: o.now ?? (() => NOW.getTime()),
      warn: o.warn ?? (() => {}),
      readDeadlineMs: o.readDeadlineMs,
    }),
    configuredTimeZone: o.configuredTimeZone ?? "UTC",
    clock: { now: () => NOW },
  });

/** Log lines, as the bot writes them. */
export const recordingLogger = () => {
  const lines: string[] = [];
  return { logger: createLogger({ write: (line) => lines.push(line) }), lines };
};

/** An `ack` that records what it was given (`undefined` for a bare ack). */
export const fakeAck = () => {
  const calls: unknown[] = [];
  const ack = async (response?: unknown) => {
    calls.push(response);
  };
  return { ack, calls };
};

/** What was posted to which `response_url`; `refuse` makes Slack refuse a post. */
export const recordingResponder = (
  refuse?: (url: string, payload: Reply) => ResponseUrlError | undefined,
) => {
  const sent = new Recorder<{ url: string; payload: Reply }>();
  const responder: Responder = {
    async send(url, sending) {
      // What would be posted: a reply serialized beforehand is read back as Slack would read it.
      const payload =
        sending instanceof SerializedReply ? (JSON.parse(sending.json) as Reply) : sending;
      const refusal = refuse?.(url, payload);
      if (refusal) throw refusal;
      sent.push({ url, payload });
    },
  };
  return { responder, sent };
};

export type ViewsCall = {
  method: "open" | "update" | "push" | "publish";
  args: Record<string, unknown>;
};

/**
 * The app's `client.views`, recording every call. `fail` makes a method reject (the error it
 * returns), for Slack refusing or timing out.
 */
export const fakeViews = (fail: (call: ViewsCall) => Error | undefined = () => undefined) => {
  const calls = new Recorder<ViewsCall>();
  const answer = async (call: ViewsCall) => {
    calls.push(call);
    const error = fail(call);
    if (error) throw error;
    return { ok: true, view: { id: "V1" } };
  };
  const client = {
    views: {
      open: (args: Record<string, unknown>) => answer({ method: "open", args }),
      update: (args: Record<string, unknown>) => answer({ method: "update", args }),
      push: (args: Record<string, unknown>) => answer({ method: "push", args }),
      publish: (args: Record<string, unknown>) => answer({ method: "publish", args }),
    },
  } as unknown as Pick<WebClient, "views">;
  return { client, calls };
};

/** A ticket client answering `rows` (raw JSON, as the panel sends them), or failing. */
export const answeringTickets = (
  rows: unknown[] | (() => Error),
  o: { total?: number; lastPage?: number } = {},
) => {
  const queries: TicketQuery[] = [];
  /** Each read as the real client reads it: a list's rows picked, a ticket's in full. */
  const page = <P>(query: TicketQuery, schema: z.ZodType<P>): P => {
    queries.push(query);
    if (typeof rows === "function") throw rows();
    return schema.parse({
      data: rows,
      meta: {
        current_page: query.page,
        last_page: o.lastPage ?? 1,
        per_page: query.perPage,
        total: o.total ?? rows.length,
      },
    });
  };
  const tickets: TicketClient = {
    listTickets: async (query) => page(query, listPageSchema),
    findTicket: async (ticketId) => page(ticketQuery(ticketId), ticketPageSchema),
    listDigestRows: async (query) => page(query, digestPageSchema),
  };
  return { tickets, queries };
};

/** A channel's digest flows that record what they were asked (the flows have their own tests). */
export const recordingSubscriptions = () => {
  const calls: { method: keyof SubscriptionFlows; args: unknown[] }[] = [];
  const record =
    (method: keyof SubscriptionFlows) =>
    async (...args: unknown[]) => {
      calls.push({ method, args });
    };
  const flows: SubscriptionFlows = {
    subscribe: record("subscribe"),
    list: record("list"),
    edit: record("edit"),
    change: record("change"),
    runNow: record("runNow"),
    submit: record("submit"),
  };
  return { flows, calls };
};

/** Everything a listener uses, faked; `over` replaces any of it. */
export const listenerDeps = (over: Partial<ListenerDeps> = {}) => {
  const { logger, lines } = recordingLogger();
  const { responder, sent } = recordingResponder();
  const deps: ListenerDeps = {
    tickets: answeringTickets([]).tickets,
    logger,
    renderContext,
    contexts: renderContexts(),
    clock: { now: () => NOW },
    digestDefinition: { top: 10, overdueHours: 24, postWhenEmpty: false },
    responder,
    inFlight: createInFlight(),
    subscriptionsFor: () => recordingSubscriptions().flows,
    savedViewsFor: () => {
      throw new Error("no saved views in this test: pass savedViewsFor");
    },
    home: {
      show: () => Promise.reject(new Error("no Home tab in this test: pass home")),
    },
    ...over,
  };
  return { deps, lines, sent };
};
