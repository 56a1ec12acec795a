import type { AccessSetting } from "../access/access-policy";
import { context, mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";

/** Refusals worded for the person refused; the setting is named so they can ask an operator. */
export const renderAccessDenied = (setting: AccessSetting, ctx: RenderContext): SlackMessage => {
  const why =
    setting === "ALLOWED_USER_IDS" ? ctx.t.access.userNotAllowed : ctx.t.access.channelNotAllowed;
  return {
    text: ctx.t.access.fallback,
    blocks: [section(mrkdwn(why)), context([mrkdwn(ctx.t.access.askOperator(setting))])],
  };
};

export const renderWrongWorkspace = (ctx: RenderContext): SlackMessage => ({
  text: ctx.t.access.fallback,
  blocks: [section(mrkdwn(ctx.t.access.wrongWorkspace))],
});
