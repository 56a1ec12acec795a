import { mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { safeCode } from "./mrkdwn";

/**
 * What the bot says about a request it answers without doing the work: the request itself was
 * the problem (out of date, unreadable, aimed elsewhere), or the bot is too busy to take it.
 */

const oneSection = (text: string): SlackMessage => ({ text, blocks: [section(mrkdwn(text))] });

export const renderOutdatedMessage = ({ t }: RenderContext): SlackMessage =>
  oneSection(t.buttons.outdated);

export const renderBusy = ({ t }: RenderContext): SlackMessage => oneSection(t.requests.busy);

export const renderUnreadableRequest = ({ t }: RenderContext): SlackMessage =>
  oneSection(t.requests.unreadable);

export const renderForeignHooks = ({ t }: RenderContext): SlackMessage =>
  oneSection(t.requests.foreignHooks("SLACK_HOOKS_URL"));

/** A command name is at most 64 characters after the slash (`inbound-payload.ts`). */
const COMMAND_NAME_CAP = 80;

export const renderUnknownCommand = (command: string, { t }: RenderContext): SlackMessage =>
  oneSection(t.requests.unknownCommand(safeCode(command, COMMAND_NAME_CAP)));
