import type { ModalView } from "@slack/types";
import type { PublicPost } from "../../src/flows/ports";
import type { SlackMessage } from "../../src/render/context";

/** Every port a flow may use, recording each call in order; `opts` make some of them fail. */
export const fakePorts = (
  opts: {
    /** Rejects views.open (Slack refused, or the trigger expired). */
    openFails?: Error;
    /** Rejects views.update, as many times as listed, in order. */
    updateFails?: Error[];
    /** What a public post comes to. */
    post?: PublicPost;
  } = {},
) => {
  const calls: (
    | {
        port: "answerPrivately" | "replaceInPlace" | "postPublicly" | "explainPrivately";
        message: SlackMessage;
      }
    | { port: "openView"; view: ModalView }
    | { port: "updateView"; viewId: string; view: ModalView }
  )[] = [];
  const updateFails = [...(opts.updateFails ?? [])];
  return {
    calls,
    /** Only which ports were called, in order. */
    ports: () => calls.map((c) => c.port),
    answerPrivately: async (message: SlackMessage) => {
      calls.push({ port: "answerPrivately", message });
    },
    replaceInPlace: async (message: SlackMessage) => {
      calls.push({ port: "replaceInPlace", message });
    },
    postPublicly: async (message: SlackMessage): Promise<PublicPost> => {
      calls.push({ port: "postPublicly", message });
      return opts.post ?? { posted: true };
    },
    explainPrivately: async (message: SlackMessage) => {
      calls.push({ port: "explainPrivately", message });
    },
    openView: async (view: ModalView) => {
      calls.push({ port: "openView", view });
      if (opts.openFails) throw opts.openFails;
      return "V1";
    },
    updateView: async (viewId: string, view: ModalView) => {
      calls.push({ port: "updateView", viewId, view });
      const failure = updateFails.shift();
      if (failure) throw failure;
    },
  };
};
