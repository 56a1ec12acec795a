import { App, type ReceiverEvent } from "@slack/bolt";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import {
  renderBusy,
  renderForeignHooks,
  renderOutdatedMessage,
  renderUnknownCommand,
  renderUnreadableRequest,
} from "../render/request-notices";
import { RECEIVED_AT } from "./http-receiver";
import type { InFlight } from "./in-flight";
import { classifyInbound, type InboundRoutes, type ReplyRoute } from "./inbound-payload";
import type { LoadShedder } from "./load-shedding";
import { throttledWarn } from "./log-throttle";
import type { Responder } from "./response-url";
import type { SlackHooks } from "./slack-hooks";

/**
 * In front of Bolt: every signed request is parsed (`inbound-payload.ts`) and either handed to
 * the listeners or answered here, at once. A listener acks its own requests; whatever no
 * listener takes is acked by the edge, with a private word to the person where one is due
 * (an out-of-date button, an unreadable request, a busy bot). Nothing answered here reaches
 * the ticket panel.
 */

export interface EdgeGateDeps {
  routes: InboundRoutes;
  hooks: SlackHooks;
  /** Posts to a `response_url` (only ever one on Slack's hooks host). */
  responder: Responder;
  /** Shows a message in a small modal over the one the person is looking at. */
  pushNotice: (triggerId: string, message: SlackMessage) => Promise<unknown>;
  shedder: LoadShedder;
  inFlight: InFlight;
  logger: Pick<Logger, "debug" | "info" | "warn" | "error">;
  renderContext: () => RenderContext;
}

export interface EdgeGate {
  /** The event for Bolt, its body parsed; `undefined` when the edge has answered it itself. */
  admit(event: ReceiverEvent): Promise<ReceiverEvent | undefined>;
}

/** Payload values in a log line: quoted, short, and unable to forge a second line. */
const quoted = (value: string) => JSON.stringify(value.slice(0, 80));

export const createEdgeGate = (deps: EdgeGateDeps): EdgeGate => {
  const { logger } = deps;
  // Under overload every request would log one: a line every 10 s, with a count, is enough.
  const warnBusy = throttledWarn(logger, { intervalMs: 10_000, now: () => performance.now() });

  /** Acks, then says `message` privately wherever the request lets us. */
  const answer = async (event: ReceiverEvent, reply: ReplyRoute, message: SlackMessage) => {
    if (reply.inAck) {
      await event.ack({ response_type: "ephemeral", ...message });
      return;
    }
    await event.ack();
    let delivery: Promise<unknown> | undefined;
    if (reply.triggerId !== undefined) {
      delivery = deps.pushNotice(reply.triggerId, message);
    } else if (reply.responseUrl !== undefined) {
      delivery = deps.responder.send(reply.responseUrl, {
        response_type: "ephemeral",
        replace_original: false,
        ...message,
      });
    }
    if (!delivery) return;
    void deps.inFlight.track(
      delivery.catch((error: unknown) =>
        logger.error(
          `could not tell the person: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    );
  };

  return {
    async admit(event) {
      const inbound = classifyInbound(event.body, deps.routes, deps.hooks);
      const ctx = deps.renderContext();
      switch (inbound.kind) {
        case "command":
        case "action": {
          const receivedAt = event.customProperties?.[RECEIVED_AT];
          const overload = deps.shedder.verdict(
            typeof receivedAt === "number" ? receivedAt : undefined,
          );
          if (!overload) return { ...event, body: inbound.body };
          warnBusy(
            overload === "late"
              ? "answered a request busy: it waited too long to be answered within Slack's 3 s"
              : "answered a request busy: too many answers are already under way",
          );
          const reply: ReplyRoute =
            inbound.kind === "command"
              ? { inAck: true }
              : {
                  inAck: false,
                  responseUrl: inbound.body.response_url,
                  triggerId: inbound.body.view ? inbound.body.trigger_id : undefined,
                };
          await answer(event, reply, renderBusy(ctx));
          return undefined;
        }
        case "unknown-command":
          logger.info(`answered ${quoted(inbound.command)}, a command this bot does not have`);
          await event.ack({
            response_type: "ephemeral",
            ...renderUnknownCommand(inbound.command, ctx),
          });
          return undefined;
        case "outdated":
          logger.info(`answered ${inbound.what}: the message is out of date`);
          await answer(event, inbound.reply, renderOutdatedMessage(ctx));
          return undefined;
        case "unreadable":
          logger.warn(`refused a signed request Slack would not send: ${inbound.why}`);
          await answer(event, inbound.reply, renderUnreadableRequest(ctx));
          return undefined;
        case "foreign-hooks":
          logger.warn(
            `refused a request whose answer would go to ${inbound.host}, not Slack's hooks host ${deps.hooks.origin}: if this workspace uses other Slack hosts, set SLACK_HOOKS_URL`,
          );
          await answer(event, inbound.reply, renderForeignHooks(ctx));
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

  /** Set once, before start: the gate needs the app's own Web API client for its notices. */
  guardWith(gate: EdgeGate): void {
    this.gate = gate;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const admitted = this.gate ? await this.gate.admit(event) : event;
    if (admitted) await super.processEvent(admitted);
  }
}
