import type { ModalView } from "@slack/types";
import { modal } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";

/**
 * A message shown over a modal: a click inside a modal has no `response_url`, and the person is
 * looking at the modal, not at the channel behind it.
 */
export const renderNoticeModal = (message: SlackMessage, ctx: RenderContext): ModalView =>
  modal(ctx.t.notice.title, ctx.t.details.close, message.blocks);
