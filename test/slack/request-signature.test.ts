import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { slackSignature } from "../../src/demo/fakes/slack-driver";
import {
  MAX_REQUEST_AGE_S,
  signatureChecker,
  signedHeadersVerdict,
} from "../../src/slack/request-signature";
import { fixturePath, readFixtureJson } from "../support/fixtures";

// Slack's own worked example (see the meta file): its secret, timestamp, body and signature.
const example = readFixtureJson<{
  signingSecret: string;
  headers: { "x-slack-request-timestamp": string; "x-slack-signature": string };
}>("slack/payloads/slash_command.slack-docs-signing-example.meta.json");
const exampleBody = readFileSync(
  fixturePath("slack/payloads/slash_command.slack-docs-signing-example.body.txt"),
);
const exampleTime = Number(example.headers["x-slack-request-timestamp"]);

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW_S = 1_800_000_000;
const check = signatureChecker(SECRET, () => NOW_S * 1000);
const body = Buffer.from("token=x&command=%2Ftickets&text=state%3A2");
const signed = (b: Buffer | string = body, timestamp: number | string = NOW_S) => ({
  timestamp: String(timestamp),
  signature: slackSignature(SECRET, timestamp, b.toString()),
});

describe("Slack request signatures", () => {
  it("accepts Slack's documented example, byte for byte", () => {
    const atExample = signatureChecker(example.signingSecret, () => exampleTime * 1000);
    expect(
      atExample(
        {
          timestamp: example.headers["x-slack-request-timestamp"],
          signature: example.headers["x-slack-signature"],
        },
        exampleBody,
      ),
    ).toEqual({ ok: true });
  });

  it("refuses the example with one byte of its body changed, or under another secret", () => {
    const atExample = signatureChecker(example.signingSecret, () => exampleTime * 1000);
    const headers = {
      timestamp: example.headers["x-slack-request-timestamp"],
      signature: example.headers["x-slack-signature"],
    };
    const changed = Buffer.from(exampleBody);
    changed.writeUInt8(changed.readUInt8(changed.length - 1) ^ 1, changed.length - 1);
    expect(atExample(headers, changed)).toEqual({ ok: false, why: "signature mismatch" });
    const otherSecret = signatureChecker(`${example.signingSecret}x`, () => exampleTime * 1000);
    expect(otherSecret(headers, exampleBody)).toEqual({ ok: false, why: "signature mismatch" });
  });

  it("signs the raw bytes: a body that is not valid UTF-8 is checked as sent", () => {
    const raw = Buffer.from([0x61, 0x3d, 0xff, 0xfe, 0x62]);
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${NOW_S}:`).update(raw).digest("hex")}`;
    expect(check({ timestamp: String(NOW_S), signature }, raw)).toEqual({ ok: true });
  });

  it("refuses a request more than five minutes old, as Bolt does, and allows one just inside", () => {
    const old = NOW_S - MAX_REQUEST_AGE_S - 1;
    expect(check(signed(body, old), body)).toEqual({
      ok: false,
      why: "the request is more than 5 minutes old",
    });
    expect(check(signed(body, NOW_S - MAX_REQUEST_AGE_S), body)).toEqual({ ok: true });
    // Bolt lets a timestamp ahead of the clock pass (the server's clock may lag); so do we.
    expect(check(signed(body, NOW_S + 600), body)).toEqual({ ok: true });
  });

  it("refuses malformed headers with a reason, never by throwing", () => {
    const good = signed();
    const cases: [Parameters<typeof check>[0], string][] = [
      [{ timestamp: undefined, signature: good.signature }, "missing"],
      [{ timestamp: good.timestamp, signature: undefined }, "missing"],
      [{ timestamp: [good.timestamp, good.timestamp], signature: good.signature }, "missing"],
      [{ timestamp: `${good.timestamp}.5`, signature: good.signature }, "not a number"],
      [{ timestamp: "", signature: good.signature }, "not a number"],
      [{ timestamp: good.timestamp, signature: good.signature.replace("v0=", "v1=") }, "not a v0"],
      [
        { timestamp: good.timestamp, signature: `v0=${good.signature.slice(3).toUpperCase()}` },
        "not a v0",
      ],
      [{ timestamp: good.timestamp, signature: good.signature.slice(0, -2) }, "not a v0"],
      [{ timestamp: good.timestamp, signature: `${good.signature}00` }, "not a v0"],
      [{ timestamp: good.timestamp, signature: "v0=" }, "not a v0"],
    ];
    for (const [headers, why] of cases) {
      const verdict = check(headers, body);
      expect(verdict.ok).toBe(false);
      expect(verdict.ok ? "" : verdict.why).toContain(why);
    }
    expect(check(good, body)).toEqual({ ok: true });
  });

  it("covers the timestamp: the same signature under another one is refused", () => {
    const good = signed();
    expect(check({ ...good, timestamp: String(NOW_S - 1) }, body)).toEqual({
      ok: false,
      why: "signature mismatch",
    });
  });

  it("judges the headers alone before the body is read, and has no verdict for none at all", () => {
    const now = () => NOW_S * 1000;
    expect(signedHeadersVerdict({ timestamp: undefined, signature: undefined }, now)).toBe(
      undefined,
    );
    expect(signedHeadersVerdict(signed(), now)).toEqual({ ok: true });
    expect(signedHeadersVerdict(signed(body, NOW_S - 3600), now)).toEqual({
      ok: false,
      why: "the request is more than 5 minutes old",
    });
    // Without the body nothing says the signature is wrong: the full check does.
    expect(signedHeadersVerdict({ ...signed(), signature: `v0=${"0".repeat(64)}` }, now)).toEqual({
      ok: true,
    });
    expect(check({ ...signed(), signature: `v0=${"0".repeat(64)}` }, body)).toEqual({
      ok: false,
      why: "signature mismatch",
    });
  });

  it("will not be made with an empty secret", () => {
    expect(() => signatureChecker("")).toThrow(/signing secret is empty/);
  });
});
