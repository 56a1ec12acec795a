import type { ReceiverEvent } from "@slack/bolt";
import type { Person } from "../flows/ports";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import {
  renderBusy,
  renderForeignHooks,
  renderOutdatedMessage,
  renderUnknownCommand,
  renderUnreadableRequest,
} from "../render/request-notices";
import { App } from "./bolt";
import { RECEIVED_AT } from "./http-receiver";
import {
  classifyInbound,
  type InboundRoutes,
  type RequestFacts,
  requestFacts,
} from "./inbound-payload";
import type { LoadShedder } from "./load-shedding";
import { throttledWarn } from "./log-throttle";
import type { Reply, ReplyRoute, TellNotice, ViewResponse } from "./replies";
import type { SlackHooks } from "./slack-hooks";

/**
 * In front of Bolt: every signed request is parsed (`inbound-payload.ts`) and either handed to
 * the listeners or answered here, at once. A listener acks its own requests (Bolt acks events);
 * whatever no listener takes is acked by the edge, with a private word to the person where one
 * is due (an out-of-date button, an unreadable request, a busy bot). Nothing answered here
 * reaches the ticket panel. What the edge learnt of an admitted request (its channel, where
 * answers go) rides along in Bolt's `context` for the request guard.
 */

export interface EdgeGateDeps {
  routes: InboundRoutes;
  hooks: SlackHooks;
  /** Acks and tells the person, by the route their request's surface has (replies.ts). */
  tell: TellNotice;
  shedder: LoadShedder;
  logger: Pick<Logger, "debug" | "info" | "warn" | "error">;
  /** The workspace's words: for "busy", which must not wait for anything. */
  renderContext: () => RenderContext;
  /**
   * A person's words (their `/tickets language`), for the other notices: bounded by the store's
   * read deadline, and the workspace's when the person cannot be told. Without it, the workspace's.
   */
  contextFor?: (person: Person | undefined) => Promise<() => RenderContext>;
}

export interface EdgeGate {
  /** The event for Bolt, its body parsed; `undefined` when the edge has answered it itself. */
  admit(event: ReceiverEvent): Promise<ReceiverEvent | undefined>;
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
const field = (value: unknown, key: string) =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Who sent a request the edge answers itself, read leniently: it may be one the edge refuses
 * as unreadable. A command names them flat, a click or a submission under `user` and `team`.
 */
export const senderOf = (body: unknown): Person | undefined => {
  const userId = text(field(body, "user_id")) ?? text(field(field(body, "user"), "id"));
  const workspaceId =
    text(field(body, "team_id")) ??
    text(field(field(body, "team"), "id")) ??
    text(field(field(body, "user"), "team_id"));
  return userId && workspaceId ? { workspaceId, userId } : undefined;
};

/** Payload values in a log line: quoted, short, and unable to forge a second line. */
const quoted = (value: string) => JSON.stringify(value.slice(0, 80));

/** Where the edge leaves what it learnt for the request guard, in Bolt's `context`. */
export const REQUEST_FACTS = "ticketsRequestFacts";

/** What the edge learnt of an admitted request (`undefined` if it did not come through the edge). */
export const requestFactsOf = (context: Record<string, unknown>): RequestFacts | undefined =>
  context[REQUEST_FACTS] as RequestFacts | undefined;

export const createEdgeGate = (deps: EdgeGateDeps): EdgeGate => {
  const { logger } = deps;
  // Under overload every request would log one: a line every 10 s, with a count, is enough.
  const warnBusy = throttledWarn(logger, { intervalMs: 10_000, now: () => performance.now() });

  return {
    async admit(event) {
      const inbound = classifyInbound(event.body, deps.routes, deps.hooks);
      const ctx = deps.renderContext();
      const ack = (response?: Reply | ViewResponse) => event.ack(response);
      /**
       * Tells the person, in their own language. An answer that is the ack itself waits for
       * their language as a command's does (the store's read deadline); any other is acked
       * first and looked up after.
       */
      const tellSender = async (
        reply: ReplyRoute,
        render: (ctx: RenderContext) => SlackMessage,
      ) => {
        if (!deps.contextFor) return deps.tell(reply, render(ctx), ack);
        const inAck = reply.via === "ack" || reply.via === "view";
        if (!inAck) await ack();
        const own = (await deps.contextFor(senderOf(event.body)))();
        await deps.tell(reply, render(own), inAck ? ack : undefined, own);
      };
      switch (inbound.kind) {
        case "command":
        case "action":
        case "event":
        case "view": {
          // Never undefined for these kinds.
          const facts = requestFacts(inbound) ?? { reply: { via: "none" } };
          const receivedAt = event.customProperties?.[RECEIVED_AT];
          const overload = deps.shedder.verdict(
            typeof receivedAt === "number" ? receivedAt : undefined,
          );
          if (!overload) {
            return {
              ...event,
              body: inbound.body,
              customProperties: { ...event.customProperties, [REQUEST_FACTS]: facts },
            };
          }
          warnBusy(
            overload === "late"
              ? "answered a request busy: it waited too long to be answered within Slack's 3 s"
              : "answered a request busy: too many answers are already under way",
          );
          await deps.tell(facts.reply, renderBusy(ctx), ack);
          return undefined;
        }
        case "unknown-command":
          logger.info(`answered ${quoted(inbound.command)}, a command this bot does not have`);
          await tellSender({ via: "ack" }, (c) => renderUnknownCommand(inbound.command, c));
          return undefined;
        case "outdated":
          logger.info(`answered ${inbound.what}: the message is out of date`);
          await tellSender(inbound.reply, renderOutdatedMessage);
          return undefined;
        case "unreadable":
          logger.warn(`refused a signed request Slack would not send: ${inbound.why}`);
          await tellSender(inbound.reply, renderUnreadableRequest);
          return undefined;
        case "foreign-hooks":
          logger.warn(
            `refused a request whose answer would go to ${inbound.host}, not Slack's hooks host ${deps.hooks.origin}: if this workspace uses other Slack hosts, set SLACK_HOOKS_URL`,
          );
          await tellSender(inbound.reply, renderForeignHooks);
          return undefined;
        case "ignored":
          logger.debug(`acked a ${quoted(inbound.type)} payload, which this bot does not handle`);
          await event.ack(inbound.ackBody);
          return undefined;
      }
    },
  };
};

/** Bolt's App with the edge gate in front of every receiver (HTTP and Socket Mode alike). */
export class GatedApp extends App {
  private gate: EdgeGate | undefined;
  private ready: Promise<unknown> = Promise.resolve();

  /** Set once, before start: the gate needs the app's own Web API client for its notices. */
  guardWith(gate: EdgeGate): void {
    this.gate = gate;
  }

  /**
   * Requests the edge admits wait for `ready` before Bolt sees them: the app may listen while
   * its authorization (auth.test) is still on its way. What the edge answers itself does not.
   */
  admitOnceReady(ready: Promise<unknown>): void {
    this.ready = ready;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const admitted = this.gate ? await this.gate.admit(event) : event;
    if (!admitted) return;
    await this.ready;
    await super.processEvent(admitted);
  }
}
