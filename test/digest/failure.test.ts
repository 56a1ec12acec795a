import { describe, expect, it } from "vitest";
import {
  classifyFailure,
  decodeFailure,
  encodeFailure,
  isHttpStatus,
} from "../../src/digest/failure";
import { DigestPostError } from "../../src/slack/digest-poster";
import {
  TicketApiAuthError,
  TicketApiNotJsonError,
  TicketApiServerError,
  TicketApiTimeoutError,
  TicketApiUnreachableError,
} from "../../src/tickets/errors";

describe("why a digest failed, in terms people act on", () => {
  it("names the panel's refusals and outages", () => {
    expect(classifyFailure(new TicketApiAuthError(401, undefined))).toEqual({
      kind: "panel-auth",
      detail: "401",
    });
    expect(classifyFailure(new TicketApiServerError(503))).toEqual({
      kind: "panel-error",
      detail: "503",
    });
    expect(classifyFailure(new TicketApiTimeoutError(1500))).toEqual({ kind: "panel-timeout" });
    expect(classifyFailure(new TicketApiUnreachableError("ECONNREFUSED"))).toEqual({
      kind: "panel-unreachable",
    });
    expect(classifyFailure(new TicketApiNotJsonError(404, "text/html", "<html>"))).toMatchObject({
      kind: "panel-address",
    });
  });

  it("names Slack's refusals by their code, and anything else as the bot's own", () => {
    expect(classifyFailure(new DigestPostError("C1", "not_in_channel"))).toEqual({
      kind: "slack-not-in-channel",
      detail: "not_in_channel",
    });
    expect(classifyFailure(new DigestPostError("C1", "ratelimited; Retry-After 30 s"))).toEqual({
      kind: "slack-rate-limited",
      detail: "ratelimited",
    });
    expect(classifyFailure(new DigestPostError("C1", "something_new"))).toEqual({
      kind: "slack-other",
      detail: "something_new",
    });
    expect(classifyFailure(new Error("boom"))).toEqual({ kind: "internal" });
    expect(classifyFailure("not even an error")).toEqual({ kind: "internal" });
  });

  it("round-trips through the store, and reads damage or unknown kinds safely", () => {
    for (const failure of [
      { kind: "panel-error", detail: "503" },
      { kind: "panel-timeout" },
      { kind: "slack-scope", detail: "missing_scope" },
    ] as const) {
      expect(decodeFailure(encodeFailure(failure))).toEqual(failure);
    }
    expect(decodeFailure(undefined)).toBeUndefined();
    expect(decodeFailure("")).toBeUndefined();
    expect(decodeFailure("from-a-later-version:x")).toEqual({ kind: "internal", detail: "x" });
    expect(decodeFailure("panel-error:<!channel>")).toEqual({ kind: "panel-error" });
    expect(isHttpStatus("503")).toBe(true);
    expect(isHttpStatus("not_in_channel")).toBe(false);
  });
});
