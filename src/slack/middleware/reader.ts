import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Person } from "../../flows/ports";
import type { RenderContexts } from "../../flows/render-contexts";
import type { RenderContext } from "../../render/context";

/**
 * Who a request is from, for answering them in their own language: Bolt's context names the
 * workspace and the person for every surface (commands, clicks, views, events). Runs before the
 * request guard and costs nothing itself: the person's language is looked up the first time
 * something asks (the guard, to refuse; a listener, once it has acked), then shared.
 */

/** Where the reader waits in Bolt's `context`. */
export const READER = "ticketsReader";

export interface Reader {
  person: Person | undefined;
  /** Their render context, or the workspace's; never rejects, and waits a bounded time. */
  renderContext(): Promise<() => RenderContext>;
}

type Who = { teamId?: string; enterpriseId?: string; userId?: string };

/** An org-wide install names no team for some payloads: the org is the workspace then. */
export const personOf = (who: Who): Person | undefined => {
  const workspaceId = who.teamId ?? who.enterpriseId;
  return workspaceId && who.userId ? { workspaceId, userId: who.userId } : undefined;
};

export const attachReader =
  (contexts: Pick<RenderContexts, "forPerson">): Middleware<AnyMiddlewareArgs> =>
  async ({ context, next }) => {
    const person = personOf(context);
    let lookup: Promise<() => RenderContext> | undefined;
    const reader: Reader = {
      person,
      renderContext: () => {
        lookup ??= contexts.forPerson(person);
        return lookup;
      },
    };
    context[READER] = reader;
    await next();
  };

export const readerOf = (context: Record<string, unknown> | undefined): Reader | undefined =>
  context?.[READER] as Reader | undefined;

/**
 * A listener's deps answering in the person's language: every flow renders through
 * `renderContext`. Without a reader (a listener called directly, in tests), the deps as given.
 */
export const forReader = async <D extends { renderContext: () => RenderContext }>(
  deps: D,
  context: Record<string, unknown> | undefined,
): Promise<D> => {
  const reader = readerOf(context);
  return reader ? { ...deps, renderContext: await reader.renderContext() } : deps;
};
