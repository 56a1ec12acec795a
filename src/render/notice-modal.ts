import type { HomeView, ModalView } from "@slack/types";
import { modal } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";

/**
 * A message shown over a modal: a click inside a modal has no `response_url`, and the person is
 * looking at the modal, not at the channel behind it.
 */
export const renderNoticeModal = (message: SlackMessage, ctx: RenderContext): ModalView =>
  modal(ctx.t.notice.title, ctx.t.details.close, message.blocks);

/** A message on the person's Home tab, where an App Home would show (a refusal, a busy bot). */
export const renderNoticeHome = (message: SlackMessage): HomeView => ({
  type: "home",
  blocks: message.blocks,
});
