import { context, header, mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";

/** `/tickets help`: keys, then examples written as code so they can be copied. */
export const renderHelp = ({ t }: RenderContext): SlackMessage => ({
  text: t.help.fallback,
  blocks: [
    header(t.help.title),
    section(mrkdwn([t.help.intro, ...t.help.keys.map((line) => `• ${line}`)].join("\n"))),
    section(
      mrkdwn(
        [`*${t.help.examplesTitle}*`, ...t.help.examples.map((line) => `\`${line}\``)].join("\n"),
      ),
    ),
    context([mrkdwn(t.help.footer)]),
  ],
});
