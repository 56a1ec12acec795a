import type { AnyMiddlewareArgs, Context, Middleware } from "@slack/bolt";
import { decideAccess } from "../../access/access-policy";
import type { AccessConfig } from "../../config";
import type { Logger } from "../../logger";
import { renderAccessDenied, renderWrongWorkspace } from "../../render/access";
import type { RenderContext, SlackMessage } from "../../render/context";
import { requestFactsOf } from "../edge-gate";
import type { Ack, TellNotice } from "../replies";
import { readerOf } from "./reader";

/** The workspace (and Enterprise Grid org, if any) the bot is installed in: `auth.test`'s answer. */
export interface Workspace {
  teamId: string;
  enterpriseId?: string;
}

/** Who asked, from where: Bolt's context for team, enterprise and user, the edge's parse for the rest. */
export interface Requester {
  teamId?: string;
  enterpriseId?: string;
  userId?: string;
  channelId?: string;
  /** A link pasted in Slack's composer: in no conversation yet (see `RequestFacts`). */
  conversationUnknown?: boolean;
}

export type GuardDecision =
  | { allowed: true }
  | { allowed: false; refusal: SlackMessage; why: string };

export interface GuardDeps {
  access: AccessConfig;
  /** The bot's own workspace, known once `auth.test` answered at start-up. */
  workspace: () => Workspace | undefined;
  isOwnDm: (userId: string, channelId: string) => Promise<boolean>;
  logger: Pick<Logger, "warn" | "error">;
  tell: TellNotice;
  renderContext: () => RenderContext;
}

/**
 * Whether a request may be answered: from the bot's own workspace (and org, where both name
 * one), and from someone and somewhere the access settings allow. Bolt computes team, user and
 * enterprise for every payload type (commands, clicks, views, events alike), so every surface
 * is judged the same way.
 */
export const decideRequest = async (
  deps: Pick<GuardDeps, "access" | "workspace" | "isOwnDm"> & {
    /** Asked only to word a refusal: the person's own language may take a store read. */
    renderContext: () => RenderContext | Promise<RenderContext>;
  },
  who: Requester,
): Promise<GuardDecision> => {
  const own = deps.workspace();
  if (own !== undefined) {
    const otherTeam = who.teamId !== own.teamId;
    const otherOrg =
      who.enterpriseId !== undefined &&
      own.enterpriseId !== undefined &&
      who.enterpriseId !== own.enterpriseId;
    if (otherTeam || otherOrg) {
      return {
        allowed: false,
        refusal: renderWrongWorkspace(await deps.renderContext()),
        why: otherTeam
          ? `refused a request from workspace ${who.teamId ?? "unknown"} (the bot's is ${own.teamId})`
          : `refused a request from organization ${who.enterpriseId} (the bot's is ${own.enterpriseId})`,
      };
    }
  }
  const { userId, channelId, conversationUnknown } = who;
  const decision = await decideAccess(deps.access, {
    userId: userId ?? "",
    channelId,
    conversationUnknown,
    isOwnDm: () => (userId && channelId ? deps.isOwnDm(userId, channelId) : Promise.resolve(false)),
  });
  if (decision.allowed) return { allowed: true };
  const where = conversationUnknown
    ? "the message composer (no channel yet)"
    : (channelId ?? "unknown channel");
  return {
    allowed: false,
    refusal: renderAccessDenied(decision.setting, await deps.renderContext()),
    why: `refused ${userId ?? "unknown user"} in ${where}: ${decision.setting}`,
  };
};

/**
 * Runs before every listener: a request from another workspace, or from someone or somewhere
 * the access settings do not allow, gets a private refusal by its surface's route (in the
 * ack, over the modal, to its response_url, on the Home tab) and nothing is fetched. A refusal
 * is in the person's language when the reader (reader.ts) knows it; an allowed request never
 * waits for it here.
 */
export const guardRequests =
  (deps: GuardDeps): Middleware<AnyMiddlewareArgs> =>
  async (args) => {
    const context = args.context as Context;
    // Events have no ack of their own to give: Bolt acked them on arrival.
    const ack = "ack" in args ? (args.ack as Ack) : undefined;
    const facts = requestFactsOf(context);
    if (!facts) {
      // Only the edge (GatedApp) hands Bolt requests; one that skipped it is not judged blind.
      deps.logger.error("refused a request that did not come through the edge gate");
      await ack?.();
      return;
    }
    const reader = readerOf(context);
    let worded: RenderContext | undefined;
    const renderContext = async () => {
      worded = reader ? (await reader.renderContext())() : deps.renderContext();
      return worded;
    };
    const decision = await decideRequest(
      { ...deps, renderContext },
      {
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
        userId: context.userId,
        channelId: facts.channelId,
        conversationUnknown: facts.conversationUnknown,
      },
    );
    if (decision.allowed) {
      await args.next();
      return;
    }
    deps.logger.warn(decision.why);
    await deps.tell(facts.reply, decision.refusal, ack, worded);
  };
