import { describe, expect, it } from "vitest";
import { createSavedViewFlows } from "../../src/flows/saved-views";
import type { Store } from "../../src/store/store";
import { allText } from "../support/blocks";
import { answeringTickets, recordingLogger, renderContext } from "../support/listener-fakes";
import { fakePorts } from "./fake-ports";
import { movableClock, useStore } from "./store-fixture";

/**
 * Saved views' flows on a real SQLite store: what the person is told when the store fails
 * (nothing lost, nothing half-done), and the limits the flows apply.
 */

const openStore = useStore();
const alice = { workspaceId: "T111", userId: "U0ALICE" };
const save = (name: string, team = false) => ({
  kind: "save" as const,
  name,
  team,
  query: { filter: { stateId: 2 as const }, page: 1, perPage: 10 },
  notices: [],
});

/** The store's views, failing every call with a database error. */
const failingViews = (views: Store["views"]): Store["views"] => {
  const down = () => Promise.reject(new Error("SQLITE_BUSY: database is locked"));
  return { ...views, save: down, get: down, getById: down, list: down, delete: down };
};

const flowsOn = (views: Store["views"], limits?: { perPerson: number; team: number }) => {
  const { logger, lines } = recordingLogger();
  const tickets = answeringTickets([]);
  const flows = createSavedViewFlows({
    tickets: tickets.tickets,
    logger,
    renderContext,
    views,
    ...(limits ? { limits } : {}),
  });
  return { flows, lines, tickets };
};

describe("saved views' flows", () => {
  it("tell the person plainly when the store fails, log why, and ask the panel nothing", async () => {
    const { store } = await openStore(movableClock("2026-01-01T00:00:00Z"));
    const { flows, lines, tickets } = flowsOn(failingViews(store.views));
    const ports = fakePorts();
    await flows.command(alice, save("billing"), ports);
    await flows.command(alice, { kind: "view", name: "billing" }, ports);
    await flows.command(alice, { kind: "views" }, ports);
    await flows.open(alice, 1, ports);
    await flows.remove(alice, 1, ports);
    const told = ports.calls.map((c) => ("message" in c ? allText(c.message) : ""));
    expect(told).toHaveLength(5);
    expect(told[0]).toMatch(/couldn't be saved just now, so nothing changed/);
    for (const line of told.slice(1)) expect(line).toMatch(/couldn't be read just now/);
    for (const line of told) expect(line).not.toMatch(/SQLITE|Error/);
    expect(lines.filter((l) => l.includes("SQLITE_BUSY")).length).toBe(5);
    expect(tickets.queries).toEqual([]);
  });

  it("apply the team limit to the workspace's shared views", async () => {
    const { store } = await openStore(movableClock("2026-01-01T00:00:00Z"));
    const { flows } = flowsOn(store.views, { perPerson: 50, team: 2 });
    const ports = fakePorts();
    await flows.command(alice, save("one", true), ports);
    await flows.command({ ...alice, userId: "U0BOB" }, save("two", true), ports);
    await flows.command(alice, save("three", true), ports);
    const last = ports.calls.at(-1);
    expect(last && "message" in last ? allText(last.message) : "").toMatch(
      /already shares 2 team views/,
    );
    expect(await store.views.count("T111", "workspace")).toBe(2);
  });
});
