import { MAX_ID } from "./ticket-filters";

/** A ticket's page in the reseller panel, from the `TICKET_WEB_URL` template. */
export const ticketLinker =
  (template: string) =>
  (ticketId: number): string =>
    template.replaceAll("{id}", String(ticketId));

/** The ticket a link points to, or `undefined` for any other link. */
export type TicketLinkMatcher = (url: string) => number | undefined;

/**
 * Stands in for `{id}` while the template is parsed: lower-case letters pass through a URL
 * parser unchanged in a path and a query, where `{` and `}` would come out encoded in one and
 * not in the other.
 */
const SENTINEL = "ticketidplaceholder";

/** Up to 10 digits: what `MAX_ID` and the contract's ticket numbers allow. */
const DIGITS = "(\\d{1,10})";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern with each `{id}` as digits, every later one the same number as the first. */
const patternOf = (text: string, trailingSlash: boolean): RegExp => {
  const pieces = text.split(SENTINEL).map(escapeRegExp);
  const body = pieces.reduce((pattern, piece, i) => {
    if (i === 0) return piece;
    return `${pattern}${i === 1 ? DIGITS : "\\1"}${piece}`;
  }, "");
  return new RegExp(`^${body}${trailingSlash ? "/?" : ""}$`, "i");
};

/**
 * Slack sends a link as it appears in the message's markup, so `&` in a query arrives as
 * `&amp;`; it is read as the person typed it.
 */
const unescapeSlack = (url: string) =>
  url.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

const parseHttp = (url: string): URL | undefined => {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
};

const ticketIdOf = (digits: string | undefined): number | undefined => {
  if (digits === undefined) return undefined;
  const id = Number(digits);
  return Number.isInteger(id) && id >= 1 && id <= MAX_ID ? id : undefined;
};

/**
 * Which links are ticket pages by `TICKET_WEB_URL`: the same host (and port), the template's
 * path with a ticket number where `{id}` stands, and each of the template's query parameters.
 * People paste links as they find them, so the scheme (http or https), the case of the path, a
 * trailing slash, extra query parameters and a fragment do not matter. A template whose `{id}`
 * is not in its path or query matches nothing.
 */
export const ticketLinkMatcher = (template: string): TicketLinkMatcher => {
  const parsed = parseHttp(template.replaceAll("{id}", SENTINEL));
  if (!parsed) return () => undefined;
  const host = parsed.host;
  const path = patternOf(parsed.pathname, !parsed.pathname.endsWith("/"));
  const params = [...parsed.searchParams].map(([name, value]) => ({
    name,
    value: patternOf(value, false),
  }));
  if (!parsed.pathname.includes(SENTINEL) && !parsed.search.includes(SENTINEL)) {
    return () => undefined;
  }
  return (url) => {
    const link = parseHttp(unescapeSlack(url));
    if (!link || link.host !== host) return undefined;
    const found = path.exec(link.pathname);
    if (!found) return undefined;
    let id = found[1];
    for (const param of params) {
      const value = link.searchParams.get(param.name);
      const match = value === null ? null : param.value.exec(value);
      if (!match) return undefined;
      if (match[1] !== undefined) {
        if (id !== undefined && Number(id) !== Number(match[1])) return undefined;
        id = match[1];
      }
    }
    return ticketIdOf(id);
  };
};

/** The domain Slack must be told to unfurl (`app_unfurl_domains`), or why there is none. */
export type UnfurlDomain = { domain: string } | { problem: string };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * `TICKET_WEB_URL`'s host, as Slack's app settings take it: no scheme, port or path. Slack
 * matches registered domains by name only: an IP address or a name without a dot
 * (`localhost`) can never be registered, so links there cannot unfurl.
 */
export const unfurlDomainOf = (template: string): UnfurlDomain => {
  const parsed = parseHttp(template.replaceAll("{id}", SENTINEL));
  if (!parsed) return { problem: "is not an http(s) URL" };
  const host = parsed.hostname;
  if (host.includes(SENTINEL)) return { problem: "has {id} in its host name" };
  if (IPV4.test(host) || host.startsWith("[")) {
    return {
      problem: `names the IP address ${host}, and Slack unfurls links on domain names only`,
    };
  }
  if (!host.includes(".")) {
    return { problem: `names the host ${host}, which has no top-level domain Slack can register` };
  }
  return { domain: host };
};
