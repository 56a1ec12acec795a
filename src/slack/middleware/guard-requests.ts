import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { decideAccess } from "../../access/access-policy";
import type { AccessConfig } from "../../config";
import type { Logger } from "../../logger";
import { renderAccessDenied, renderWrongWorkspace } from "../../render/access";
import type { RenderContext, SlackMessage } from "../../render/context";
import { renderNoticeModal } from "../../render/notice-modal";
import type { InFlight } from "../in-flight";
import type { Responder } from "../response-url";

export interface GuardDeps {
  access: AccessConfig;
  /** The bot's own workspace, from `auth.test` at start-up. */
  teamId: () => string | undefined;
  isOwnDm: (userId: string, channelId: string) => Promise<boolean>;
  logger: Pick<Logger, "warn" | "error">;
  responder: Responder;
  inFlight: InFlight;
  renderContext: () => RenderContext;
}

interface Requester {
  userId?: string;
  channelId?: string;
  teamId?: string;
  responseUrl?: string;
  kind: "command" | "action" | "other";
}

type LooseBody = Record<string, unknown> & {
  user?: { id?: string; team_id?: string };
  team?: { id?: string } | null;
  channel?: { id?: string };
};

const requesterOf = (body: LooseBody): Requester => {
  if (typeof body.command === "string") {
    return {
      kind: "command",
      userId: body.user_id as string | undefined,
      channelId: body.channel_id as string | undefined,
      teamId: body.team_id as string | undefined,
      responseUrl: body.response_url as string | undefined,
    };
  }
  if (body.type === "block_actions") {
    return {
      kind: "action",
      userId: body.user?.id,
      channelId: body.channel?.id,
      teamId: body.team?.id ?? body.user?.team_id,
      responseUrl: body.response_url as string | undefined,
    };
  }
  return { kind: "other", userId: body.user?.id, teamId: body.team?.id ?? body.user?.team_id };
};

/**
 * Runs before every listener: a request from another workspace, or from someone or somewhere
 * the access settings do not allow, gets a private refusal and nothing is fetched.
 */
export const guardRequests =
  (deps: GuardDeps): Middleware<AnyMiddlewareArgs> =>
  async (args) => {
    const body = args.body as LooseBody;
    const who = requesterOf(body);
    const ownTeam = deps.teamId();
    let refusal: SlackMessage | undefined;
    if (ownTeam !== undefined && who.teamId !== ownTeam) {
      deps.logger.warn(
        `refused a request from workspace ${who.teamId ?? "unknown"} (the bot's is ${ownTeam})`,
      );
      refusal = renderWrongWorkspace(deps.renderContext());
    } else {
      const { userId, channelId } = who;
      const decision = await decideAccess(deps.access, {
        userId: userId ?? "",
        channelId,
        isOwnDm: () =>
          userId && channelId ? deps.isOwnDm(userId, channelId) : Promise.resolve(false),
      });
      if (!decision.allowed) {
        deps.logger.warn(
          `refused ${userId ?? "unknown user"} in ${channelId ?? "unknown channel"}: ${decision.setting}`,
        );
        refusal = renderAccessDenied(decision.setting, deps.renderContext());
      }
    }
    if (!refusal) {
      await args.next();
      return;
    }
    const ack = "ack" in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (who.kind === "command") {
      await ack?.({ response_type: "ephemeral", ...refusal });
      return;
    }
    await ack?.();
    const inModal = typeof body.trigger_id === "string" && body.view !== undefined;
    if (inModal) {
      await deps.inFlight.track(
        args.client.views
          .push({
            trigger_id: body.trigger_id as string,
            view: renderNoticeModal(refusal, deps.renderContext()),
          })
          .catch((error: unknown) =>
            deps.logger.error("could not show a refusal over the modal", error),
          ),
      );
    } else if (who.responseUrl) {
      await deps.inFlight.track(
        deps.responder
          .send(who.responseUrl, {
            response_type: "ephemeral",
            replace_original: false,
            ...refusal,
          })
          .catch((error: unknown) => deps.logger.error("could not deliver a refusal", error)),
      );
    }
  };
