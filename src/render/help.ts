import { FILTER_FIELDS, TICKET_FILTERS } from "../tickets/ticket-filters";
import { context, header, mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";

/** Other spellings of the filters' keys (`state_id`, `sub`…), as the footer offers them. */
const ALIASES = FILTER_FIELDS.flatMap((field) => TICKET_FILTERS[field].spellings.slice(1));

/** `/tickets help`: keys, then examples written as code so they can be copied. */
export const renderHelp = ({ t }: RenderContext): SlackMessage => {
  const keys = [...FILTER_FIELDS.map((field) => t.help.filters[field]), t.help.paging];
  return {
    text: t.help.fallback,
    blocks: [
      header(t.help.title),
      section(mrkdwn([t.help.intro, ...keys.map((line) => `• ${line}`)].join("\n"))),
      section(
        mrkdwn(
          [`*${t.help.examplesTitle}*`, ...t.help.examples.map((line) => `\`${line}\``)].join("\n"),
        ),
      ),
      section(mrkdwn(t.help.language)),
      context([mrkdwn(t.help.digests)]),
      context([mrkdwn(t.help.savedViews)]),
      context([mrkdwn(t.help.footer(ALIASES))]),
    ],
  };
};
