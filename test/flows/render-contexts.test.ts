import { describe, expect, it } from "vitest";
import { createLanguageChoices } from "../../src/flows/language-choices";
import { createRenderContexts } from "../../src/flows/render-contexts";
import type { Language } from "../../src/i18n";
import { useTempStore } from "../support/temp-store";

const open = useTempStore();

const ALICE = { workspaceId: "T0AAAAAAA", userId: "U0ALICE" };
const BOB = { workspaceId: "T0AAAAAAA", userId: "U0BOB" };

const contextsOn = async (workspaceLanguage: Language, configuredTimeZone?: string) => {
  const store = await open();
  let now = new Date("2026-01-15T09:00:00Z");
  const contexts = createRenderContexts({
    choices: createLanguageChoices({
      preferences: store.preferences,
      workspaceLanguage,
      now: () => now.getTime(),
      warn: () => {},
    }),
    configuredTimeZone,
    clock: { now: () => now },
    ticketUrl: (id) => `https://panel.example.com/t/${id}`,
  });
  return { contexts, store, setNow: (d: Date) => (now = d) };
};

describe("a render context per request", () => {
  it("takes the person's catalog and that language's own zone when no zone is configured", async () => {
    const { contexts, store } = await contextsOn("en");
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    const alice = (await contexts.forPerson(ALICE))();
    expect(alice.t.locale).toBe("fa");
    expect(alice.timeZone).toBe("Asia/Tehran");
    expect(alice.ticketUrl?.(7)).toBe("https://panel.example.com/t/7");
    const bob = (await contexts.forPerson(BOB))();
    expect(bob.t.locale).toBe("en");
    expect(bob.timeZone).toBe("UTC");
    expect(contexts.workspace().t.locale).toBe("en");
  });

  it("keeps DIGEST_TIMEZONE for every reader when it is set", async () => {
    const { contexts, store } = await contextsOn("en", "Europe/Berlin");
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    const alice = (await contexts.forPerson(ALICE))();
    expect([alice.t.locale, alice.timeZone]).toEqual(["fa", "Europe/Berlin"]);
    expect(contexts.workspace().timeZone).toBe("Europe/Berlin");
  });

  it("gives a Persian workspace's English reader UTC, and everyone else Tehran", async () => {
    const { contexts, store } = await contextsOn("fa");
    await store.preferences.set(BOB.workspaceId, BOB.userId, { language: "en" });
    expect((await contexts.forPerson(BOB))().timeZone).toBe("UTC");
    expect((await contexts.forPerson(ALICE))().t.locale).toBe("fa");
    expect(contexts.workspace().timeZone).toBe("Asia/Tehran");
  });

  it("says `now` as of each call, so a slow answer is dated when it is written", async () => {
    const { contexts, setNow } = await contextsOn("en");
    const render = await contexts.forPerson(ALICE);
    expect(render().now.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    setNow(new Date("2026-01-15T09:00:05Z"));
    expect(render().now.toISOString()).toBe("2026-01-15T09:00:05.000Z");
  });
});
