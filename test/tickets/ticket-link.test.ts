import { describe, expect, it } from "vitest";
import { ticketLinker, ticketLinkMatcher, unfurlDomainOf } from "../../src/tickets/ticket-link";

describe("ticketLinker", () => {
  it("puts the number where {id} stands", () => {
    expect(ticketLinker("https://panel.example.com/tickets/{id}")(100374)).toBe(
      "https://panel.example.com/tickets/100374",
    );
  });
});

describe("ticketLinkMatcher", () => {
  const match = ticketLinkMatcher("https://panel.example.com/tickets/{id}");

  it("reads the ticket number from a link to its page", () => {
    expect(match("https://panel.example.com/tickets/100374")).toBe(100374);
  });

  it("takes links as people paste them: either scheme, any case, a trailing slash, a query or fragment", () => {
    for (const url of [
      "http://panel.example.com/tickets/100374",
      "https://PANEL.example.com/Tickets/100374",
      "https://panel.example.com/tickets/100374/",
      "https://panel.example.com/tickets/100374?tab=notes",
      "https://panel.example.com/tickets/100374#reply-3",
      "https://panel.example.com:443/tickets/100374",
    ]) {
      expect(match(url), url).toBe(100374);
    }
  });

  it("matches nothing else on the panel, nor on any other host", () => {
    for (const url of [
      "https://panel.example.com/",
      "https://panel.example.com/tickets",
      "https://panel.example.com/tickets/",
      "https://panel.example.com/tickets/abc",
      "https://panel.example.com/tickets/100374/edit",
      "https://panel.example.com/tickets/-5",
      "https://panel.example.com/admin/tickets/100374",
      "https://other.example.com/tickets/100374",
      "https://evil.panel.example.com/tickets/100374",
      "https://panel.example.com.evil.example/tickets/100374",
      "https://panel.example.com:8443/tickets/100374",
      "ftp://panel.example.com/tickets/100374",
      "not a url",
      "",
    ]) {
      expect(match(url), url).toBeUndefined();
    }
  });

  it("only numbers a ticket can have", () => {
    expect(match("https://panel.example.com/tickets/0")).toBeUndefined();
    expect(match("https://panel.example.com/tickets/2147483648")).toBeUndefined();
    expect(match("https://panel.example.com/tickets/12345678901")).toBeUndefined();
    expect(match("https://panel.example.com/tickets/2147483647")).toBe(2147483647);
    expect(match("https://panel.example.com/tickets/007")).toBe(7);
  });

  it("reads {id} in a query, with Slack's &amp; for &", () => {
    const byQuery = ticketLinkMatcher(
      "https://panel.example.com/admin/ticket.php?action=view&id={id}",
    );
    expect(byQuery("https://panel.example.com/admin/ticket.php?action=view&amp;id=100374")).toBe(
      100374,
    );
    expect(byQuery("https://panel.example.com/admin/ticket.php?id=100374&action=view")).toBe(
      100374,
    );
    expect(byQuery("https://panel.example.com/admin/ticket.php?id=100374")).toBeUndefined();
    expect(
      byQuery("https://panel.example.com/admin/ticket.php?action=edit&id=100374"),
    ).toBeUndefined();
    expect(byQuery("https://panel.example.com/admin/ticket.php?action=view&id=x")).toBeUndefined();
  });

  it("needs every {id} of a template to be the same number", () => {
    const twice = ticketLinkMatcher("https://panel.example.com/t/{id}/view?ticket={id}");
    expect(twice("https://panel.example.com/t/5/view?ticket=5")).toBe(5);
    expect(twice("https://panel.example.com/t/5/view?ticket=6")).toBeUndefined();
    const inPath = ticketLinkMatcher("https://panel.example.com/t/{id}-{id}");
    expect(inPath("https://panel.example.com/t/5-5")).toBe(5);
    expect(inPath("https://panel.example.com/t/5-6")).toBeUndefined();
  });

  it("treats the template's own characters literally", () => {
    const dotted = ticketLinkMatcher("https://panel.example.com/t.php/{id}");
    expect(dotted("https://panel.example.com/tXphp/5")).toBeUndefined();
    expect(dotted("https://panel.example.com/t.php/5")).toBe(5);
  });

  it("matches nothing for a template whose {id} is outside its path and query", () => {
    expect(
      ticketLinkMatcher("https://panel.example.com/ticket#{id}")(
        "https://panel.example.com/ticket#5",
      ),
    ).toBeUndefined();
  });
});

describe("unfurlDomainOf", () => {
  it("is the template's host name, as Slack's app settings take it", () => {
    expect(unfurlDomainOf("https://panel.example.com/tickets/{id}")).toEqual({
      domain: "panel.example.com",
    });
    expect(unfurlDomainOf("http://Panel.Example.com:8080/t?id={id}")).toEqual({
      domain: "panel.example.com",
    });
  });

  it("says why a host cannot be registered with Slack", () => {
    expect(unfurlDomainOf("http://10.0.0.5/tickets/{id}")).toMatchObject({
      problem: expect.stringContaining("IP address 10.0.0.5"),
    });
    expect(unfurlDomainOf("http://[::1]/tickets/{id}")).toMatchObject({
      problem: expect.stringContaining("IP address"),
    });
    expect(unfurlDomainOf("http://localhost:8080/tickets/{id}")).toMatchObject({
      problem: expect.stringContaining("localhost"),
    });
  });
});
