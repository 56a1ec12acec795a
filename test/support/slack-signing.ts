import { createHmac } from "node:crypto";

/** Slack's v0 request signature over `v0:{timestamp}:{raw body}`. */
export const slackSignature = (secret: string, timestamp: number | string, body: string): string =>
  `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;

export const signedHeaders = (
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
) => ({
  "content-type": "application/x-www-form-urlencoded",
  "x-slack-request-timestamp": String(timestamp),
  "x-slack-signature": slackSignature(secret, timestamp, body),
});
