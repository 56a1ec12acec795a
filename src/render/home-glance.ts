import type { KnownBlock } from "@slack/types";
import { ACTION_IDS } from "../contract/action-ids";
import type { CategoryCount, DigestSummary } from "../digest/types";
import { actions, button, context, header, mrkdwn, section } from "./blocks";
import type { RenderContext } from "./context";
import { exactTime, oneLine, safeMrkdwn } from "./mrkdwn";

/**
 * The Home tab's first section: the queue waiting for support at a glance, from the one result
 * every Home tab of the workspace shares (flows/queue-glance.ts).
 */

export type GlanceView =
  | {
      kind: "counted";
      summary: DigestSummary;
      overdueHours: number;
      /** The figures beyond the total come from at most this many tickets (a bounded read). */
      readAtMost: number;
      /** A later count failed: these figures are older than they would be. */
      failedSince?: Date;
    }
  /** The panel did not answer, and there is nothing counted before to show. */
  | { kind: "failed" };

const HOUR_MS = 3_600_000;
const CATEGORY_NAME_CAP = 80;

const categoryName = (c: CategoryCount, { t }: RenderContext): string => {
  const name = c.name === undefined ? "" : safeMrkdwn(oneLine(c.name), CATEGORY_NAME_CAP);
  if (name) return name;
  return c.categoryId === undefined ? t.list.noCategory : t.digest.unnamedCategory(c.categoryId);
};

const countedBlocks = (
  glance: Extract<GlanceView, { kind: "counted" }>,
  ctx: RenderContext,
): KnownBlock[] => {
  const { t } = ctx;
  const { summary } = glance;
  if (summary.total === 0) return [section(mrkdwn(t.home.glance.clear))];
  const figures = [
    t.home.glance.waiting(summary.total),
    t.digest.overdue(summary.overdueCount, t.time.span(glance.overdueHours * HOUR_MS)),
    ...(summary.longestWaitMs === undefined
      ? []
      : [t.digest.longestWait(t.time.span(summary.longestWaitMs))]),
    t.digest.unseen(summary.unseenCount),
  ];
  const { kept, other, otherCategories } = summary.categories;
  const categories = [
    ...kept.map((c) => t.digest.categoryLine(categoryName(c, ctx), c.count)),
    ...(otherCategories > 0
      ? [t.digest.categoryLine(t.digest.otherCategories(otherCategories), other)]
      : []),
  ];
  const partial = summary.total > glance.readAtMost;
  const notes = [
    ...(partial ? [t.home.glance.partial(glance.readAtMost, summary.total)] : []),
    ...(summary.approximate && !partial ? [t.digest.approximate] : []),
    ...(summary.unreadable > 0 ? [t.digest.unreadable(summary.unreadable)] : []),
  ];
  return [
    section(mrkdwn(figures.join("\n"))),
    ...(categories.length > 0
      ? [section(mrkdwn([t.digest.byCategoryTitle, ...categories].join("\n")))]
      : []),
    ...(notes.length > 0 ? [context(notes.map((note) => mrkdwn(note)))] : []),
  ];
};

/** Five blocks at most, six with a note: the header, figures, categories, notes, when, Refresh. */
export const renderGlance = (glance: GlanceView, ctx: RenderContext): KnownBlock[] => {
  const { t } = ctx;
  const when =
    glance.kind === "counted"
      ? [
          context([
            mrkdwn(
              glance.failedSince === undefined
                ? t.home.glance.asOf(exactTime(glance.summary.generatedAt, ctx))
                : t.home.glance.stale(exactTime(glance.summary.generatedAt, ctx)),
            ),
          ]),
        ]
      : [];
  return [
    header(t.home.glance.title),
    ...(glance.kind === "counted"
      ? countedBlocks(glance, ctx)
      : [section(mrkdwn(t.home.glance.failed))]),
    ...when,
    actions([button(t.home.glance.refresh, ACTION_IDS.homeRefresh, "refresh")]),
  ];
};
