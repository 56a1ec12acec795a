import type { KnownBlock } from "@slack/types";
import type { Catalog } from "../i18n";

/** What every renderer needs besides its data: the words, and "now". */
export interface RenderContext {
  t: Catalog;
  now: Date;
  /** IANA zone for times written out in plain text (Slack date tokens use each reader's own). */
  timeZone: string;
  /** The reseller panel's page for a ticket, when `TICKET_WEB_URL` is set. */
  ticketUrl?: (ticketId: number) => string;
}

/** A renderer's output: Block Kit plus the plain `text` that notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
