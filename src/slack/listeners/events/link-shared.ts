import type { WebClient } from "@slack/web-api";
import * as z from "zod";
import { unfurlTicketLinks } from "../../../flows/unfurl";
import type { TicketLinkMatcher } from "../../../tickets/ticket-link";
import { forReader } from "../../middleware/reader";
import { type UnfurlTarget, unfurlPort } from "../../unfurl-port";
import type { ListenerDeps } from "../deps";

/**
 * Slack's `link_shared` event, the fields this bot reads. A message in the composer (before it
 * is sent) names its channel `COMPOSER`, under `channel` or `channel_id`, and has the unfurl's
 * id for its `message_ts`; Enterprise organizations send neither `unfurl_id` nor `source`.
 */
const linkSharedSchema = z.looseObject({
  type: z.literal("link_shared"),
  user: z.string().min(1),
  channel: z.string().min(1).optional(),
  channel_id: z.string().min(1).optional(),
  message_ts: z.string().min(1).optional(),
  unfurl_id: z.string().min(1).optional(),
  source: z.enum(["composer", "conversations_history"]).optional(),
  links: z.array(z.looseObject({ url: z.string(), domain: z.string().optional() })),
});

type LinkShared = z.output<typeof linkSharedSchema>;

/** Channel and `ts` always work (Slack's word); the unfurl's own id is the other way. */
const targetOf = (event: LinkShared): UnfurlTarget | undefined => {
  const channel = event.channel ?? event.channel_id;
  if (channel !== undefined && event.message_ts !== undefined) {
    return { channel, ts: event.message_ts };
  }
  if (event.unfurl_id !== undefined && event.source !== undefined) {
    return { unfurl_id: event.unfurl_id, source: event.source };
  }
  return undefined;
};

/** More links than any message holds are not worth matching: Slack lists each domain's once. */
const MAX_LINKS_READ = 50;

export type LinkSharedArgs = {
  event: unknown;
  client: Pick<WebClient, "chat">;
  context?: Record<string, unknown>;
};

/**
 * Links to ticket pages pasted in a conversation: cards under the message (flows/unfurl.ts).
 * Registered only when `TICKET_WEB_URL` is set; the request guard has already judged the
 * person and the conversation (events are acked by Bolt on arrival).
 */
export const linkShared =
  (deps: ListenerDeps & { ticketLinks: TicketLinkMatcher }) =>
  async ({ event, client, context }: LinkSharedArgs): Promise<void> => {
    const parsed = linkSharedSchema.safeParse(event);
    if (!parsed.success) {
      deps.logger.warn(
        `ignored a link_shared event Slack would not send: ${parsed.error.issues[0]?.message ?? "invalid"}`,
      );
      return;
    }
    const target = targetOf(parsed.data);
    if (!target) {
      deps.logger.warn("ignored a link_shared event naming no message to unfurl into");
      return;
    }
    // A card is a shared message: written in the language of whoever shared the link.
    const own = await forReader(deps, context);
    await deps.inFlight.track(
      unfurlTicketLinks(own, unfurlPort(client, target, deps.logger), {
        userId: parsed.data.user,
        urls: parsed.data.links.slice(0, MAX_LINKS_READ).map((link) => link.url),
      }),
    );
  };
