import { describe, expect, it } from "vitest";
import { createLanguageChoices, type LanguageChoicesDeps } from "../../src/flows/language-choices";
import type { PreferencesPort } from "../../src/flows/ports";
import { useTempStore, withFaults } from "../support/temp-store";

const open = useTempStore();

const ALICE = { workspaceId: "T0AAAAAAA", userId: "U0ALICE" };
const BOB = { workspaceId: "T0AAAAAAA", userId: "U0BOB" };

/** Choices on `preferences`, on a clock the test moves; `warnings` are what it logged. */
const choicesOn = (
  preferences: PreferencesPort | undefined,
  o: Partial<LanguageChoicesDeps> = {},
) => {
  let ms = 1_000_000;
  const warnings: string[] = [];
  const choices = createLanguageChoices({
    preferences,
    workspaceLanguage: "en",
    now: () => ms,
    warn: (line) => warnings.push(line),
    cacheMs: 5_000,
    ...o,
  });
  return { choices, warnings, advance: (by: number) => (ms += by) };
};

describe("each person's language", () => {
  it("is the workspace's until they choose, then theirs alone, kept in the store", async () => {
    const store = await open();
    const { choices } = choicesOn(store.preferences);
    expect(await choices.lookup(ALICE)).toEqual({ source: "workspace", language: "en" });
    await choices.choose(ALICE, "fa");
    expect(await choices.lookup(ALICE)).toEqual({ source: "person", language: "fa" });
    expect(await choices.lookup(BOB)).toEqual({ source: "workspace", language: "en" });
    expect(await choices.lookup({ ...ALICE, workspaceId: "T0BBBBBBB" })).toEqual({
      source: "workspace",
      language: "en",
    });
    expect(await store.preferences.get(ALICE.workspaceId, ALICE.userId)).toEqual({
      language: "fa",
    });
    // A person who chose the workspace's own language keeps it as theirs.
    await choices.choose(BOB, "en");
    expect(await choices.lookup(BOB)).toEqual({ source: "person", language: "en" });
  });

  it("is the workspace's for nobody in particular, and where no store is kept", async () => {
    const { choices } = choicesOn(undefined, { workspaceLanguage: "fa" });
    expect(await choices.lookup(ALICE)).toEqual({ source: "workspace", language: "fa" });
    expect(await choices.lookup(undefined)).toEqual({ source: "workspace", language: "fa" });
    await expect(choices.choose(ALICE, "en")).rejects.toThrow();
    expect(await choices.lookup(ALICE)).toEqual({ source: "workspace", language: "fa" });
  });

  it("reads the store once per person while its copy is fresh", async () => {
    const store = await open();
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    const port = withFaults(store.preferences, {});
    const { choices, advance } = choicesOn(port);
    for (let i = 0; i < 5; i += 1) expect((await choices.lookup(ALICE)).language).toBe("fa");
    expect(port.reads).toBe(1);
    // Knowing that someone has not chosen is remembered too.
    await choices.lookup(BOB);
    await choices.lookup(BOB);
    expect(port.reads).toBe(2);
    advance(5_001);
    await choices.lookup(ALICE);
    expect(port.reads).toBe(3);
  });

  it("applies a choice to the chooser's next request at once, on another replica within cacheMs", async () => {
    const store = await open();
    const here = choicesOn(store.preferences);
    const there = choicesOn(store.preferences);
    expect((await there.choices.lookup(ALICE)).language).toBe("en");
    await here.choices.choose(ALICE, "fa");
    expect(await here.choices.lookup(ALICE)).toEqual({ source: "person", language: "fa" });
    // The other replica's copy is 4.9 s old: still English there.
    there.advance(4_900);
    expect((await there.choices.lookup(ALICE)).language).toBe("en");
    there.advance(200);
    expect((await there.choices.lookup(ALICE)).language).toBe("fa");
  });

  it("falls back to the workspace's when the store fails, remembers nothing, and loses nothing", async () => {
    const store = await open();
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    let down = true;
    const port = withFaults(store.preferences, { readsFail: () => down });
    const { choices, warnings } = choicesOn(port);
    expect(await choices.lookup(ALICE)).toEqual({ source: "unavailable", language: "en" });
    expect(warnings).toEqual([
      expect.stringMatching(
        /could not read the language of U0ALICE in T0AAAAAAA \(database is unreachable \(injected\)\); answering in the workspace's \(en\)/,
      ),
    ]);
    down = false;
    // The failure was not remembered: the very next request reads again, and finds fa.
    expect(await choices.lookup(ALICE)).toEqual({ source: "person", language: "fa" });
    expect(port.reads).toBe(2);
  });

  it("answers in the workspace's language when the store is slow, and remembers the late answer", async () => {
    const store = await open();
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    const port = withFaults(store.preferences, { readDelayMs: () => 300 });
    const { choices, warnings } = choicesOn(port, { readDeadlineMs: 50 });
    // Had it waited for the store, this would be Alice's own fa.
    expect(await choices.lookup(ALICE)).toEqual({ source: "unavailable", language: "en" });
    expect(warnings[0]).toMatch(/took over 50 ms to read the language of U0ALICE/);
    // A second request meanwhile shares the read under way instead of starting another.
    expect((await choices.lookup(ALICE)).source).toBe("unavailable");
    expect(port.reads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await choices.lookup(ALICE)).toEqual({ source: "person", language: "fa" });
    expect(port.reads).toBe(1);
  });

  it("does not let a read that started before a choice put the old language back", async () => {
    const store = await open();
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    const port = withFaults(store.preferences, { readDelayMs: () => 100 });
    const { choices } = choicesOn(port, { readDeadlineMs: 20 });
    expect((await choices.lookup(ALICE)).source).toBe("unavailable");
    await choices.choose(ALICE, "en");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await choices.lookup(ALICE)).toEqual({ source: "person", language: "en" });
  });

  it("keeps the old choice when the store will not save a new one", async () => {
    const store = await open();
    const port = withFaults(store.preferences, { writesFail: () => true });
    const { choices } = choicesOn(port);
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    await expect(choices.choose(ALICE, "en")).rejects.toThrow(/unreachable/);
    expect(await choices.lookup(ALICE)).toEqual({ source: "person", language: "fa" });
  });

  it("reads a stored language it does not speak as no choice, and says so", async () => {
    const store = await open();
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "de" });
    const { choices, warnings } = choicesOn(store.preferences);
    expect(await choices.lookup(ALICE)).toEqual({ source: "workspace", language: "en" });
    expect(warnings[0]).toMatch(
      /stored language of U0ALICE in T0AAAAAAA is not one the bot speaks/,
    );
  });
});
