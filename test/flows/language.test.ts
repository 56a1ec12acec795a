import { describe, expect, it } from "vitest";
import { chooseLanguage, type LanguageDeps, showLanguage } from "../../src/flows/language";
import type { PreferencesPort } from "../../src/flows/ports";
import { allText } from "../support/blocks";
import {
  answeringTickets,
  recordingLogger,
  renderContext,
  renderContexts,
} from "../support/listener-fakes";
import { useTempStore, withFaults } from "../support/temp-store";
import { fakePorts } from "./fake-ports";

const open = useTempStore();
const ALICE = { workspaceId: "T0AAAAAAA", userId: "U0ALICE" };

const depsOn = (preferences: PreferencesPort) => {
  const { logger, lines } = recordingLogger();
  const deps: LanguageDeps = {
    tickets: answeringTickets([]).tickets,
    logger,
    renderContext,
    contexts: renderContexts({ preferences }),
  };
  return { deps, lines };
};

/** What the flow answered, privately, as text. */
const answered = (ports: ReturnType<typeof fakePorts>) => {
  expect(ports.ports()).toEqual(["answerPrivately"]);
  return allText(ports.calls[0]);
};

describe("/tickets language fa", () => {
  it("keeps the choice and confirms it in Persian, with the way back in English", async () => {
    const store = await open();
    const { deps } = depsOn(store.preferences);
    const ports = fakePorts();
    await chooseLanguage(deps, ports, ALICE, "fa");
    const said = answered(ports);
    expect(said).toContain("از این پس ربات با شما *فارسی* حرف می‌زند");
    expect(said).toContain("/tickets language en");
    expect(said).toContain("English");
    expect(await store.preferences.get(ALICE.workspaceId, ALICE.userId)).toEqual({
      language: "fa",
    });
  });

  it("says so in the language the person still gets when the store will not keep it", async () => {
    const store = await open();
    const { deps, lines } = depsOn(withFaults(store.preferences, { writesFail: () => true }));
    const ports = fakePorts();
    await chooseLanguage(deps, ports, ALICE, "fa");
    const said = answered(ports);
    expect(said).toContain(
      "Your choice couldn't be saved, so nothing changed: you still get *English*",
    );
    expect(said).not.toContain("از این پس");
    expect(await store.preferences.get(ALICE.workspaceId, ALICE.userId)).toBeUndefined();
    expect(lines.join("\n")).toMatch(/ERROR .*could not keep the language U0ALICE chose/);
  });
});

describe("/tickets language alone", () => {
  it("says the workspace's language is theirs until they choose, and how to choose", async () => {
    const store = await open();
    const ports = fakePorts();
    await showLanguage(depsOn(store.preferences).deps, ports, ALICE);
    const said = answered(ports);
    expect(said).toContain("You haven't chosen a language, so you get the workspace's: *English*");
    expect(said).toContain("`/tickets language fa`: Persian (فارسی)");
    expect(said).toContain("`/tickets language en`: English");
  });

  it("says what they chose, in it", async () => {
    const store = await open();
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    const ports = fakePorts();
    await showLanguage(depsOn(store.preferences).deps, ports, ALICE);
    expect(answered(ports)).toContain("زبانی که انتخاب کرده‌اید *فارسی* است");
  });

  it("says when the choice could not be read, rather than that there is none", async () => {
    const store = await open();
    await store.preferences.set(ALICE.workspaceId, ALICE.userId, { language: "fa" });
    const ports = fakePorts();
    const failing = withFaults(store.preferences, { readsFail: () => true });
    await showLanguage(depsOn(failing).deps, ports, ALICE);
    const said = answered(ports);
    expect(said).toContain("Your choice couldn't be read just now");
    expect(said).not.toContain("haven't chosen");
  });
});
