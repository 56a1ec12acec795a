import { describe, expect, it } from "vitest";
import { decodeDigestRef, encodeDigestRef } from "../../src/contract/digest-ref";
import {
  readSubscribeForm,
  SUBSCRIBE_FIELDS,
  subscribeActionId,
  subscribeBlockId,
} from "../../src/contract/subscribe-form";
import {
  decodeSubscribeMetadata,
  encodeSubscribeMetadata,
} from "../../src/contract/subscribe-metadata";
import { LIMITS } from "../../src/render/limits";
import { subscribeFormValues, VALID_FORM } from "../support/subscribe-form";

describe("a digest button's value", () => {
  it("carries the digest's id and nothing else, and decodes what it encodes", () => {
    expect(encodeDigestRef(12)).toBe('{"v":1,"s":12}');
    expect(decodeDigestRef(encodeDigestRef(12))).toBe(12);
  });

  it("decodes anything else to undefined, never a throw", () => {
    for (const value of [
      undefined,
      "",
      "12",
      "{",
      '{"v":2,"s":12}',
      '{"v":1,"s":0}',
      '{"v":1,"s":"12"}',
      '{"v":1,"s":12,"x":1}',
      "x".repeat(LIMITS.button.value + 1),
    ]) {
      expect(decodeDigestRef(value), String(value)).toBeUndefined();
    }
  });
});

describe("the subscribe modal's metadata", () => {
  it("keeps the channel, the digest it edits and the response_url, within Slack's limit", () => {
    const metadata = {
      channelId: "C0123456789",
      subscriptionId: 7,
      responseUrl: "https://hooks.slack.com/commands/T1/2/abc",
    };
    const encoded = encodeSubscribeMetadata(metadata);
    expect(encoded.length).toBeLessThanOrEqual(LIMITS.modal.privateMetadata);
    expect(decodeSubscribeMetadata(encoded)).toEqual(metadata);
    expect(decodeSubscribeMetadata(encodeSubscribeMetadata({ channelId: "G0123" }))).toEqual({
      channelId: "G0123",
    });
  });

  it("decodes what is not ours to undefined, so a forged channel cannot slip in", () => {
    for (const raw of [
      undefined,
      "",
      "This is for you!",
      '{"v":1}',
      '{"v":1,"c":"not a channel"}',
      '{"v":1,"c":"C0123","r":"javascript:alert(1)"}',
      '{"v":2,"c":"C0123"}',
    ]) {
      expect(decodeSubscribeMetadata(raw), String(raw)).toBeUndefined();
    }
  });
});

describe("the subscribe modal's submitted state", () => {
  it("is read by block and action id, each kind of input as Slack sends it", () => {
    expect(
      readSubscribeForm(subscribeFormValues({ ...VALID_FORM, time2: "16:30", empty: true })),
    ).toEqual({
      times: ["08:30", "16:30"],
      days: ["1", "2", "3", "4", "5"],
      zone: "Asia/Tehran",
      state: "2",
      category: "10",
      top: "5",
      overdue: "24",
      postWhenEmpty: true,
      language: "fa",
    });
  });

  it("reads empty inputs as not given, and a state of another shape as nothing at all", () => {
    expect(readSubscribeForm(subscribeFormValues({}))).toEqual({
      times: [],
      days: [],
      postWhenEmpty: false,
    });
    expect(readSubscribeForm({ [subscribeBlockId("top")]: "nope" })).toBeUndefined();
    expect(readSubscribeForm("values")).toBeUndefined();
  });

  it("has an id for each field, within Slack's length limits", () => {
    for (const field of SUBSCRIBE_FIELDS) {
      expect(subscribeBlockId(field).length).toBeLessThanOrEqual(255);
      expect(subscribeActionId(field).length).toBeLessThanOrEqual(LIMITS.actionId);
    }
  });
});
