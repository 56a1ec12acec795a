import type { Button, HomeView, KnownBlock } from "@slack/types";
import { ACTION_IDS, homeButtonId } from "../contract/action-ids";
import { encodeHomeState, HOME_START, type HomeState } from "../contract/home-state";
import type { ViewGroup } from "../contract/saved-view-ref";
import { LANGUAGES, type Language, OWN_NAMES } from "../i18n";
import type { ListPage } from "../tickets/schemas";
import { actions, button, context, divider, header, mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { type DigestHealthRow, renderHomeDigests } from "./home-digests";
import { type GlanceView, renderGlance } from "./home-glance";
import type { ShownLanguage } from "./language";
import { LIMITS } from "./limits";
import {
  clampPage,
  deleteViewButton,
  openViewButton,
  type ViewItem,
  viewLead,
  viewRowText,
  viewsPagingButtons,
} from "./saved-views";
import { type ListRequest, renderTicketList } from "./ticket-list";

/**
 * The bot's Home tab (`views.publish`): the queue at a glance, a saved view's tickets when one
 * is open, the person's views and the team's, the digests they may read with their health, and
 * their language. Whatever it holds, it stays within a Home tab's 100 blocks: every section but
 * the open list has a fixed most, and the list gets what is left (never less than a message's).
 */

/** One block a view (its Open beside it): a page of each list stays short. */
export const HOME_VIEWS_PER_PAGE = 8;
/** Digests shown; the rest are counted ("+3 more"). */
export const HOME_DIGESTS_SHOWN = 8;

export interface HomeViews {
  /** `undefined` when the store could not be read. */
  items: readonly ViewItem[] | undefined;
  page: number;
}

export type OpenList =
  | { view: ViewItem; request: ListRequest; page: ListPage }
  /** The panel failed, or the view cannot be read: the message says why, in place of the list. */
  | { view: ViewItem; failure: SlackMessage };

export interface HomeData {
  glance: GlanceView;
  mine: HomeViews;
  team: HomeViews;
  open?: OpenList;
  digests: { rows: readonly DigestHealthRow[]; more: number };
  language: ShownLanguage;
  /** A line at the top: what the last click did, or why it could not. */
  notice?: string;
}

const languageName = (language: Language, { t }: RenderContext): string => {
  const name = t.language.names[language];
  const own = OWN_NAMES[language];
  return t.language.named(name, own === name ? undefined : own);
};

const languageBlocks = (shown: ShownLanguage, ctx: RenderContext): KnownBlock[] => {
  const l = ctx.t.home.language;
  const name = languageName(shown.language, ctx);
  const choose = LANGUAGES.map(
    (language): Button => ({
      ...button(OWN_NAMES[language], homeButtonId(ACTION_IDS.homeLanguage, language), language),
      ...(language === shown.language ? { style: "primary" as const } : {}),
    }),
  );
  return [
    header(l.title),
    section(mrkdwn(shown.source === "person" ? l.chosen(name) : l.workspace(name))),
    context([mrkdwn(l.choose)]),
    actions(choose),
  ];
};

const viewsBlocks = (views: HomeViews, group: ViewGroup, ctx: RenderContext): KnownBlock[] => {
  const h = ctx.t.home.views;
  const title = header(group === "mine" ? h.mine : h.team);
  if (views.items === undefined) return [title, section(mrkdwn(ctx.t.views.answers.unavailable))];
  if (views.items.length === 0) {
    return [title, section(mrkdwn(group === "mine" ? h.noneMine : h.noneTeam))];
  }
  const total = views.items.length;
  const page = clampPage(views.page, total, HOME_VIEWS_PER_PAGE);
  const from = (page - 1) * HOME_VIEWS_PER_PAGE;
  const shown = views.items.slice(from, from + HOME_VIEWS_PER_PAGE);
  const paging = viewsPagingButtons({ page, total, perPage: HOME_VIEWS_PER_PAGE, group }, ctx);
  return [
    title,
    ...shown.map((view) => section(mrkdwn(viewRowText(view, ctx)), openViewButton(view, ctx))),
    ...(total > HOME_VIEWS_PER_PAGE
      ? [context([mrkdwn(ctx.t.views.list.range(from + 1, from + shown.length, total))])]
      : []),
    ...(paging.length > 0 ? [actions(paging)] : []),
  ];
};

/** The open view's tickets, with Close (and Delete, where the reader may) under them. */
const openListBlocks = (open: OpenList, room: number, ctx: RenderContext): KnownBlock[] => {
  const controls = actions([
    button(ctx.t.home.views.close, ACTION_IDS.homeClose, "close"),
    ...(open.view.deletable ? [deleteViewButton(open.view, ctx)] : []),
  ]);
  const lead = viewLead(open.view, ctx);
  const listed =
    "page" in open
      ? renderTicketList(open.page, open.request, ctx, {
          home: true,
          lead,
          maxBlocks: Math.min(LIMITS.message.maxBlocks, room - 1),
        }).blocks
      : [context([mrkdwn(lead)]), ...open.failure.blocks];
  return [...listed.slice(0, room - 1), controls];
};

/** `state` is what the tab remembers for its next click (its `private_metadata`). */
export const renderHome = (
  data: HomeData,
  ctx: RenderContext,
  state: HomeState = HOME_START,
): HomeView => {
  const fixed: KnownBlock[][] = [
    renderGlance(data.glance, ctx),
    viewsBlocks(data.mine, "mine", ctx),
    viewsBlocks(data.team, "team", ctx),
    renderHomeDigests(data.digests.rows.slice(0, HOME_DIGESTS_SHOWN), data.digests.more, ctx),
    languageBlocks(data.language, ctx),
  ];
  const notice = data.notice === undefined ? [] : [section(mrkdwn(data.notice))];
  const [glance = [], ...rest] = fixed;
  const used = notice.length + fixed.reduce((n, blocks) => n + blocks.length, 0) + fixed.length - 1;
  const open = data.open
    ? [...openListBlocks(data.open, LIMITS.home.maxBlocks - used - 1, ctx), divider()]
    : [];
  const blocks = [
    ...notice,
    ...glance,
    divider(),
    ...open,
    ...rest.flatMap((section, i) => (i === 0 ? section : [divider(), ...section])),
  ];
  return {
    type: "home",
    blocks: blocks.slice(0, LIMITS.home.maxBlocks),
    private_metadata: encodeHomeState(state),
  };
};
