import * as z from "zod";
import { compiledOnFirstUse } from "../compiled-on-first-use";
import { decodeModalMetadata } from "../contract/modal-metadata";
import type { ReplyRoute } from "./replies";
import { hostOfUrl, type SlackHooks } from "./slack-hooks";

/**
 * Every signed request, parsed at the edge before Bolt sees it, like every other input. Bolt
 * takes a payload's fields on trust (a field given twice arrives as an array, a number where a
 * string belongs is passed along) and some of them crash it before anyone acks; and it answers
 * a payload nobody listens for only when its 3 seconds are up, with a 404 the user sees as an
 * error. Here each request is sorted into what a listener handles and what the edge answers
 * itself, at once.
 */

/** Slack's IDs (U…, W…, T…, C…, E…): upper-case letters and digits. */
const slackId = z.string().regex(/^[A-Z0-9]{1,64}$/);
const httpUrl = z.url({ protocol: /^https?$/ });

/** A slash command arrives as a form: every field a single string. */
const slashCommandSchema = z
  .object({
    command: z.string().regex(/^\/\S{1,64}$/),
    text: z.string().optional(),
    user_id: slackId,
    channel_id: slackId,
    team_id: slackId,
    enterprise_id: slackId.optional(),
    response_url: httpUrl,
    trigger_id: z.string().optional(),
  })
  .catchall(z.string());

const actionSchema = z.looseObject({
  type: z.string(),
  action_id: z.string().min(1).max(255),
  block_id: z.string().optional(),
  value: z.string().optional(),
});

const blockActionsSchema = z.looseObject({
  type: z.literal("block_actions"),
  user: z.looseObject({ id: slackId, team_id: slackId.optional() }),
  team: z.looseObject({ id: slackId, enterprise_id: slackId.optional() }).nullish(),
  enterprise: z.looseObject({ id: slackId }).nullish(),
  channel: z.looseObject({ id: slackId }).nullish(),
  container: z.looseObject({ type: z.string(), is_ephemeral: z.boolean().optional() }).optional(),
  trigger_id: z.string().optional(),
  response_url: httpUrl.optional(),
  view: z
    .looseObject({ id: z.string(), type: z.string(), private_metadata: z.string().optional() })
    .optional(),
  actions: z.array(actionSchema),
});

/** A modal submitted: only what the bot reads is checked; `state.values` is read by its listener. */
const viewSubmissionSchema = z.looseObject({
  type: z.literal("view_submission"),
  user: z.looseObject({ id: slackId, team_id: slackId.optional() }),
  team: z.looseObject({ id: slackId, enterprise_id: slackId.optional() }).nullish(),
  enterprise: z.looseObject({ id: slackId }).nullish(),
  trigger_id: z.string().optional(),
  view: z.looseObject({
    id: z.string(),
    type: z.string(),
    callback_id: z.string().max(255),
    private_metadata: z.string().optional(),
    state: z.looseObject({ values: z.record(z.string(), z.unknown()).optional() }).optional(),
  }),
});

/**
 * An Events API delivery. Only the fields the bot reads are checked; an event's own fields are
 * as many as Slack has event types, and each listener reads its own.
 */
const eventCallbackSchema = z.looseObject({
  type: z.literal("event_callback"),
  team_id: slackId,
  enterprise_id: slackId.nullish(),
  api_app_id: z.string(),
  event: z.looseObject({
    type: z.string().min(1).max(255),
    user: z.union([slackId, z.looseObject({ id: slackId })]).optional(),
    channel: z.union([slackId, z.looseObject({ id: slackId })]).optional(),
  }),
  authorizations: z
    .array(z.looseObject({ team_id: slackId.nullish(), enterprise_id: slackId.nullish() }))
    .optional(),
});

/**
 * Every request passes one of these, so each is compiled (`z.compile`) once it is first needed.
 * Exported for tests, which check that each does compile.
 */
export const compiledPayloads = {
  slashCommand: compiledOnFirstUse(slashCommandSchema),
  blockActions: compiledOnFirstUse(blockActionsSchema),
  eventCallback: compiledOnFirstUse(eventCallbackSchema),
  viewSubmission: compiledOnFirstUse(viewSubmissionSchema),
};

export type SlashCommandPayload = z.output<typeof slashCommandSchema>;
export type BlockActionsPayload = z.output<typeof blockActionsSchema>;
export type EventCallbackPayload = z.output<typeof eventCallbackSchema>;
export type ViewSubmissionPayload = z.output<typeof viewSubmissionSchema>;

export type Inbound =
  /** For Bolt and the listeners; `body` is the parsed payload, unknown fields kept. */
  | { kind: "command"; body: SlashCommandPayload }
  | { kind: "action"; body: BlockActionsPayload }
  | { kind: "event"; body: EventCallbackPayload }
  | { kind: "view"; body: ViewSubmissionPayload }
  /** A command this bot does not have (the app's manifest names another). */
  | { kind: "unknown-command"; command: string }
  /** A click on a button this bot no longer has, or none at all (`actions: []`). */
  | { kind: "outdated"; reply: ReplyRoute; what: string }
  /** Signed, but not what Slack sends: a field twice, a wrong type, a URL that is not http(s). */
  | { kind: "unreadable"; reply: ReplyRoute; why: string }
  /** Its answer would go to a host other than Slack's hooks host. */
  | { kind: "foreign-hooks"; reply: ReplyRoute; host: string }
  /** Something the bot does not handle (modals' submissions, shortcuts, events…): acked only. */
  | { kind: "ignored"; type: string; ackBody?: Record<string, unknown> };

/** What the listeners take (routes.ts keeps it as they are registered). */
export interface InboundRoutes {
  hasCommand: (command: string) => boolean;
  isKnownAction: (actionId: string) => boolean;
  hasEvent: (type: string) => boolean;
  hasView: (callbackId: string) => boolean;
}

type Loose = Record<string, unknown>;

const isRecord = (v: unknown): v is Loose =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The first problem zod found, as `path: message`, for the log. */
const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
};

/** Inside a modal the answer goes over it; otherwise to the response_url, if there is one. */
const clickRoute = (triggerId: string | undefined, responseUrl: string | undefined): ReplyRoute =>
  triggerId !== undefined
    ? { via: "modal", triggerId }
    : responseUrl !== undefined
      ? { via: "response-url", url: responseUrl }
      : { via: "none" };

/**
 * Where a parsed click is answered: a click in the Home tab carries no `response_url`, and the
 * tab is the person's own, so it is answered there (`views.publish`), like the tab's opening.
 */
const clickReply = (click: z.output<typeof blockActionsSchema>): ReplyRoute =>
  click.view?.type === "home"
    ? { via: "home", userId: click.user.id }
    : clickRoute(click.view !== undefined ? click.trigger_id : undefined, click.response_url);

/**
 * A reply route from whatever of the payload can still be read, for refusing a payload that
 * is otherwise broken: only a URL on Slack's hooks host, only a string trigger.
 */
const salvageRoute = (body: Loose, hooks: SlackHooks): ReplyRoute => {
  const url = body.response_url;
  const trigger = body.trigger_id;
  return clickRoute(
    typeof trigger === "string" && isRecord(body.view) ? trigger : undefined,
    typeof url === "string" && hooks.allows(url) ? url : undefined,
  );
};

/** Acks some payload types expect a body in, even when the answer is "nothing". */
const EMPTY_ACK_BODIES: Readonly<Record<string, Record<string, unknown>>> = {
  block_suggestion: { options: [] },
  dialog_suggestion: { options: [] },
};

const classifyCommand = (body: Loose, routes: InboundRoutes, hooks: SlackHooks): Inbound => {
  const parsed = compiledPayloads.slashCommand().safeParse(body);
  if (!parsed.success) {
    return { kind: "unreadable", reply: { via: "ack" }, why: firstIssue(parsed.error) };
  }
  const command = parsed.data;
  if (!hooks.allows(command.response_url)) {
    return { kind: "foreign-hooks", reply: { via: "ack" }, host: hostOfUrl(command.response_url) };
  }
  if (!routes.hasCommand(command.command)) {
    return { kind: "unknown-command", command: command.command };
  }
  return { kind: "command", body: command };
};

const classifyBlockActions = (body: Loose, routes: InboundRoutes, hooks: SlackHooks): Inbound => {
  const parsed = compiledPayloads.blockActions().safeParse(body);
  if (!parsed.success) {
    return { kind: "unreadable", reply: salvageRoute(body, hooks), why: firstIssue(parsed.error) };
  }
  const click = parsed.data;
  const modalTrigger = click.view !== undefined ? click.trigger_id : undefined;
  // Inside a modal the answer goes over it; the response_url it keeps is checked all the same.
  const kept = click.view
    ? decodeModalMetadata(click.view.private_metadata).responseUrl
    : undefined;
  for (const url of [click.response_url, kept]) {
    if (url !== undefined && !hooks.allows(url)) {
      return {
        kind: "foreign-hooks",
        reply: clickRoute(modalTrigger, undefined),
        host: hostOfUrl(url),
      };
    }
  }
  const reply = clickReply(click);
  const [first] = click.actions;
  if (!first) return { kind: "outdated", reply, what: "a click with no action" };
  if (!routes.isKnownAction(first.action_id)) {
    return { kind: "outdated", reply, what: `a click on unknown action ${first.action_id}` };
  }
  return { kind: "action", body: click };
};

/** The event's user, whether Slack sends an id or an object. */
const idOf = (v: string | { id: string } | undefined) => (typeof v === "object" ? v.id : v);

/**
 * The Home tab is the person's own: answers to it are published there. Other events happen
 * where others may read (a channel, a link shared in one), so the edge says nothing there.
 */
const eventRoute = (event: EventCallbackPayload["event"]): ReplyRoute => {
  const userId = idOf(event.user);
  return event.type === "app_home_opened" && userId !== undefined
    ? { via: "home", userId }
    : { via: "none" };
};

/**
 * An event goes to Bolt only when a listener takes it; any other is acked at once (Slack
 * retries an event that is not acked, and would, for an hour, for every event this bot was
 * never meant to handle).
 */
const classifyEvent = (body: Loose, routes: InboundRoutes): Inbound => {
  const type = isRecord(body.event) ? body.event.type : undefined;
  if (typeof type !== "string" || !routes.hasEvent(type)) {
    return { kind: "ignored", type: typeof type === "string" ? type : "event_callback" };
  }
  const parsed = compiledPayloads.eventCallback().safeParse(body);
  if (!parsed.success) {
    return { kind: "unreadable", reply: { via: "none" }, why: firstIssue(parsed.error) };
  }
  return { kind: "event", body: parsed.data };
};

/**
 * A modal submitted. One of ours goes to its listener; any other (a modal of an older version,
 * whose callback id is gone) is acked, which closes it: there is nothing it could still do.
 */
const classifyViewSubmission = (body: Loose, routes: InboundRoutes): Inbound => {
  const parsed = compiledPayloads.viewSubmission().safeParse(body);
  if (!parsed.success) {
    return { kind: "unreadable", reply: { via: "none" }, why: firstIssue(parsed.error) };
  }
  if (!routes.hasView(parsed.data.view.callback_id))
    return { kind: "ignored", type: "view_submission" };
  return { kind: "view", body: parsed.data };
};

/** Where a payload a listener takes is answered, and from which channel it came, if any. */
export interface RequestFacts {
  channelId?: string;
  /**
   * The request comes from a conversation nobody can name yet: a link pasted in Slack's message
   * composer, whose `channel` is the word `COMPOSER` (or missing). Not the same as no channel
   * at all (a modal, the Home tab): the message may be sent anywhere, so where channels are
   * listed, it is refused.
   */
  conversationUnknown?: boolean;
  reply: ReplyRoute;
}

/** What Slack puts where a composer's link_shared event would name its channel. */
const COMPOSER = "COMPOSER";

/**
 * Whether a link_shared event comes from the composer: Slack says so in `source`, and names
 * the channel `COMPOSER` under `channel` or `channel_id`. An event naming no channel at all
 * is taken for one too: there is no conversation to judge.
 */
const fromComposer = (event: EventCallbackPayload["event"]): boolean => {
  if (event.type !== "link_shared") return false;
  const channel = idOf(event.channel) ?? event.channel_id;
  return event.source === "composer" || typeof channel !== "string" || channel === COMPOSER;
};

/**
 * What the request guard needs besides Bolt's context: the channel (Bolt computes team, user and
 * enterprise for every payload, but not a channel for each) and the reply route of the surface.
 * Home tab events count as no channel: the tab is the person's own, like a modal.
 */
export const requestFacts = (inbound: Inbound): RequestFacts | undefined => {
  switch (inbound.kind) {
    case "command":
      return { channelId: inbound.body.channel_id, reply: { via: "ack" } };
    case "action": {
      const click = inbound.body;
      return { channelId: click.channel?.id ?? undefined, reply: clickReply(click) };
    }
    case "event": {
      const { event } = inbound.body;
      const route = eventRoute(event);
      if (fromComposer(event)) return { conversationUnknown: true, reply: route };
      return { channelId: route.via === "home" ? undefined : idOf(event.channel), reply: route };
    }
    case "view":
      // A submission names no channel: its listener judges the one its metadata names.
      return { channelId: undefined, reply: { via: "view" } };
    default:
      return undefined;
  }
};

/** Sorts one signed request body (as Bolt's receiver parsed it) into what happens to it. */
export const classifyInbound = (
  body: unknown,
  routes: InboundRoutes,
  hooks: SlackHooks,
): Inbound => {
  if (!isRecord(body)) {
    return { kind: "unreadable", reply: { via: "none" }, why: "the body is not an object" };
  }
  if ("command" in body) return classifyCommand(body, routes, hooks);
  const type = body.type;
  if (typeof type !== "string") {
    return {
      kind: "unreadable",
      reply: salvageRoute(body, hooks),
      why: "neither a command nor a payload type",
    };
  }
  if (type === "block_actions") return classifyBlockActions(body, routes, hooks);
  if (type === "event_callback") return classifyEvent(body, routes);
  if (type === "view_submission") return classifyViewSubmission(body, routes);
  // Buttons on legacy attachments: this bot never made any, so they are from something older.
  if (type === "interactive_message") {
    return {
      kind: "outdated",
      reply: salvageRoute(body, hooks),
      what: "a click on a legacy attachment button",
    };
  }
  // No listener takes shortcuts, options or closed views yet: the first one to come adds a
  // schema, a case here and its route in routes.ts.
  return { kind: "ignored", type, ackBody: EMPTY_ACK_BODIES[type] };
};
