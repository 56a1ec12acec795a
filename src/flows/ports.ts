import type { HomeView, ModalView } from "@slack/types";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import type { TicketClient } from "../tickets/ticket-client";

/**
 * What flows run on. A flow decides what to fetch, what to render and where the answer goes;
 * it reaches Slack only through the ports below, which `src/slack/` builds for each request
 * (slack/request-ports.ts) and tests fake. Nothing here knows Bolt.
 */

/** Every flow's services. */
export interface FlowDeps {
  tickets: TicketClient;
  logger: Pick<Logger, "warn" | "error">;
  /** A render context (catalog, zone, now) as of the moment it is called. */
  renderContext: () => RenderContext;
}

/**
 * A new message only the person who asked sees. Never rejects: a port that cannot deliver
 * logs why, and there is nobody else to tell.
 */
export interface AnswerPrivately {
  answerPrivately(message: SlackMessage): Promise<void>;
}

/** Replaces the message the click came from; only ever offered for the clicker's own. */
export interface ReplaceInPlace {
  replaceInPlace(message: SlackMessage): Promise<void>;
}

/** Where a public post ended: `reason` is Slack's error code, when it gave one. */
export type PublicPost = { posted: true } | { posted: false; reason?: string; detail: string };

/** Posts visibly, where the request came from. Never rejects: a refusal is an outcome. */
export interface PostPublicly {
  postPublicly(message: SlackMessage): Promise<PublicPost>;
}

/**
 * Tells the person privately, where they are looking: over a modal they have open, else as a
 * private message. Never rejects.
 */
export interface ExplainPrivately {
  explainPrivately(message: SlackMessage): Promise<void>;
}

/** A modal of the person's own; `src/slack/` gives it its callback id and metadata. */
export interface ModalPorts {
  /** Resolves with the view's id; rejects when it could not be opened in time. */
  openView(view: ModalView): Promise<string | undefined>;
  /** Rejects when the view could not be updated. */
  updateView(viewId: string, view: ModalView): Promise<void>;
}

/**
 * Attaches cards to the links of one shared message (`chat.unfurl`), by the URL exactly as
 * Slack sent it. Never rejects: a refusal is logged, and nobody is told in the conversation.
 */
export interface AttachUnfurls {
  attachUnfurls(cards: ReadonlyMap<string, SlackMessage>): Promise<void>;
}

/** Someone who asks: the workspace (team) they asked from, and who they are in it. */
export interface Person {
  workspaceId: string;
  userId: string;
}

/**
 * Where each person's choices are kept: the store's preferences (`store.preferences`). Values
 * come back as stored, unchecked: the flows parse them.
 */
export interface PreferencesPort {
  get(workspaceId: string, userId: string): Promise<{ language: string } | undefined>;
  set(workspaceId: string, userId: string, preferences: { language: string }): Promise<void>;
}

/** Whether the bot can post in a channel, as far as Slack says without posting there. */
export type ChannelCheck =
  | { kind: "can-post" }
  /** `not-in-channel`: public, not a member; `private`: a conversation the bot cannot see. */
  | { kind: "cannot-post"; why: "not-in-channel" | "private" | "archived" }
  /** Slack would not say (a scope the app lacks): the first post will tell. */
  | { kind: "unknown" };

/** Where a post in a channel ended: its `ts`, or Slack's error code when it gave one. */
export type ChannelPost =
  | { posted: true; ts: string }
  | { posted: false; reason?: string; detail: string };

/** Posting in a channel as the bot, not as a reply to anyone's request. Never rejects. */
export interface ChannelPorts {
  checkChannel(channelId: string): Promise<ChannelCheck>;
  postInChannel(channelId: string, message: SlackMessage): Promise<ChannelPost>;
}

/** Opens the subscribe (or edit) modal; `src/slack/` adds its callback id and metadata. */
export interface SubscribeModalPort {
  /** Rejects when it could not be opened in time. */
  openSubscribeModal(
    view: ModalView,
    digest: { channelId: string; subscriptionId?: number },
  ): Promise<void>;
}

/**
 * The person's Home tab (`views.publish`): the whole tab, replaced. Never rejects: a tab that
 * cannot be published is logged, and there is nobody else to tell.
 */
export interface PublishHome {
  publishHome(view: HomeView): Promise<void>;
}
