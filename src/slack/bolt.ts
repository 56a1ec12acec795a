import { createRequire } from "node:module";

/**
 * Bolt's classes, loaded from their own files instead of `@slack/bolt`'s index. The index also
 * loads the ExpressReceiver (Express and its 60-odd packages), the AWS Lambda receiver and the
 * Assistant, which the bot never uses: about 30 ms of every start, a fifth of Bolt's load time
 * (docs/performance.md). They are the same objects the index exports (the same files, one
 * CommonJS cache), so `instanceof` and Bolt's types hold; types still come from "@slack/bolt".
 * `require` from here, and from dist/ once bundled, finds the one copy in node_modules.
 */
const load = createRequire(import.meta.url);

export const { default: App, LogLevel } = load(
  "@slack/bolt/dist/App.js",
) as typeof import("@slack/bolt/dist/App.js");
export type App = import("@slack/bolt").App;
export type LogLevel = import("@slack/bolt").LogLevel;

export const { default: HTTPReceiver } = load(
  "@slack/bolt/dist/receivers/HTTPReceiver.js",
) as typeof import("@slack/bolt/dist/receivers/HTTPReceiver.js");
export type HTTPReceiver = import("@slack/bolt").HTTPReceiver;

export const { default: SocketModeReceiver } = load(
  "@slack/bolt/dist/receivers/SocketModeReceiver.js",
) as typeof import("@slack/bolt/dist/receivers/SocketModeReceiver.js");
export type SocketModeReceiver = import("@slack/bolt").SocketModeReceiver;

export const { MultipleListenerError, HTTPReceiverDeferredRequestError } = load(
  "@slack/bolt/dist/errors.js",
) as typeof import("@slack/bolt/dist/errors.js");
