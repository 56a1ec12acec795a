import { describe, expect, it } from "vitest";
import { decideAccess, isUnrestricted } from "../../src/access/access-policy";

/** `isOwnDm` that says whether it was asked: it costs a Web API call, so only when it matters. */
const ownDm = (answer: boolean) => {
  const asked: true[] = [];
  return {
    asked,
    isOwnDm: async () => {
      asked.push(true);
      return answer;
    },
  };
};

const decide = (
  access: { userIds?: string[]; channelIds?: string[] },
  request: { userId: string; channelId?: string; conversationUnknown?: boolean },
  dm = ownDm(false),
) =>
  decideAccess(
    { userIds: access.userIds ?? [], channelIds: access.channelIds ?? [] },
    { ...request, isOwnDm: dm.isOwnDm },
  );

describe("decideAccess", () => {
  it("lets everyone in when nothing is set", async () => {
    expect(await decide({}, { userId: "UANY", channelId: "CANY" })).toEqual({ allowed: true });
  });

  it("ALLOWED_USER_IDS: listed users only, anywhere", async () => {
    const access = { userIds: ["UBOB"] };
    expect(await decide(access, { userId: "UBOB", channelId: "CANY" })).toEqual({ allowed: true });
    expect(await decide(access, { userId: "UEVE", channelId: "CANY" })).toEqual({
      allowed: false,
      setting: "ALLOWED_USER_IDS",
    });
  });

  it("ALLOWED_CHANNEL_IDS: listed channels and group DMs, and the person's own DM with the bot", async () => {
    const access = { channelIds: ["CSUPPORT", "GGROUP"] };
    expect(await decide(access, { userId: "UEVE", channelId: "CSUPPORT" })).toEqual({
      allowed: true,
    });
    expect(await decide(access, { userId: "UEVE", channelId: "GGROUP" })).toEqual({
      allowed: true,
    });
    expect(await decide(access, { userId: "UBOB", channelId: "DBOB" }, ownDm(true))).toEqual({
      allowed: true,
    });
    for (const channelId of ["CRANDOM", "GOTHER", "DPAIR"]) {
      expect(await decide(access, { userId: "UEVE", channelId })).toEqual({
        allowed: false,
        setting: "ALLOWED_CHANNEL_IDS",
      });
    }
  });

  it("asks whether a channel is the person's own DM only for an unlisted DM", async () => {
    const access = { channelIds: ["CSUPPORT"] };
    for (const channelId of ["CSUPPORT", "CRANDOM", "GGROUP"]) {
      const dm = ownDm(true);
      await decide(access, { userId: "UBOB", channelId }, dm);
      expect(dm.asked).toEqual([]);
    }
    const dm = ownDm(false);
    await decide(access, { userId: "UBOB", channelId: "DPAIR" }, dm);
    expect(dm.asked).toEqual([true]);
  });

  it("judges no channel where there is none (a modal, a Home tab)", async () => {
    expect(await decide({ channelIds: ["CSUPPORT"] }, { userId: "UEVE" })).toEqual({
      allowed: true,
    });
  });

  it("a conversation not known yet (a link in the composer) is no listed channel", async () => {
    const composer = { userId: "UBOB", channelId: "COMPOSER", conversationUnknown: true };
    const dm = ownDm(true);
    // Even if an operator listed the word itself: the message may be sent anywhere.
    expect(await decide({ channelIds: ["CSUPPORT", "COMPOSER"] }, composer, dm)).toEqual({
      allowed: false,
      setting: "ALLOWED_CHANNEL_IDS",
    });
    expect(
      await decide({ channelIds: ["CSUPPORT"] }, { userId: "UBOB", conversationUnknown: true }, dm),
    ).toEqual({
      allowed: false,
      setting: "ALLOWED_CHANNEL_IDS",
    });
    expect(dm.asked).toEqual([]);
    expect(await decide({}, composer)).toEqual({ allowed: true });
    expect(await decide({ userIds: ["UEVE"] }, composer)).toEqual({
      allowed: false,
      setting: "ALLOWED_USER_IDS",
    });
  });

  it("both set: a listed user, in a listed channel or their own DM; the user rule first", async () => {
    const access = { userIds: ["UBOB"], channelIds: ["CSUPPORT"] };
    expect(await decide(access, { userId: "UBOB", channelId: "CSUPPORT" })).toEqual({
      allowed: true,
    });
    expect(await decide(access, { userId: "UBOB", channelId: "CRANDOM" })).toEqual({
      allowed: false,
      setting: "ALLOWED_CHANNEL_IDS",
    });
    expect(await decide(access, { userId: "UEVE", channelId: "CRANDOM" })).toEqual({
      allowed: false,
      setting: "ALLOWED_USER_IDS",
    });
  });
});

describe("isUnrestricted", () => {
  it("is true only with neither setting", () => {
    expect(isUnrestricted({ userIds: [], channelIds: [] })).toBe(true);
    expect(isUnrestricted({ userIds: ["U1"], channelIds: [] })).toBe(false);
    expect(isUnrestricted({ userIds: [], channelIds: ["C1"] })).toBe(false);
  });
});
