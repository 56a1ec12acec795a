/**
 * HTTP for `response_url` posts, made with undici's `request()`: the whole request goes out
 * in one write. fetch streams every request body (undici's writeIterable: headers and body in
 * separate writes, corked chunk by chunk), which cost each answer about 0.35 ms more CPU on
 * loopback than this, a fifth of a fast answer's work. Redirects are not followed (Slack's
 * hooks do not redirect); everything the responder reads of an answer is there.
 */

/** Statuses a Response cannot have a body with. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

type Undici = typeof import("undici");

/** What the responder reads of an answer: no Response or Headers to build (about 35 µs each post). */
export interface HookAnswer {
  status: number;
  /** By lower-case name; a header sent several times has each of its values. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  text: string;
}

/** A header's value (several joined with ", ", as fetch's Headers does), if any. */
export const headerOf = (answer: HookAnswer, name: string): string | undefined => {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
};

export interface HookRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export type HookSend = (url: string, init: HookRequest) => Promise<HookAnswer>;

/**
 * Sends one request and reads its whole answer. Fails as fetch does: a TypeError whose cause
 * says what happened to the connection, or the signal's reason when it aborted.
 */
export const hookSend = (): HookSend => {
  let undici: Promise<Undici> | undefined;
  return async (url, init) => {
    undici ??= import("undici");
    const { request } = await undici;
    const { signal } = init;
    let answer: Awaited<ReturnType<Undici["request"]>>;
    let text: string;
    try {
      answer = await request(url, {
        method: (init.method ?? "GET") as "GET",
        headers: init.headers,
        body: init.body,
        signal,
      });
      text = await answer.body.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new TypeError("fetch failed", { cause: error });
    }
    const { statusCode: status, headers } = answer;
    if (status < 200 || status > 599) throw new TypeError(`fetch failed: HTTP ${status}`);
    return { status, headers, text };
  };
};

/** The same, for a fetch given instead (a test's, or a proxy's). */
export const sendWithFetch =
  (doFetch: typeof fetch): HookSend =>
  async (url, init) => {
    const response = await doFetch(url, init);
    const text = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers), text };
  };

/** `hookSend` shaped as `fetch`, for callers that want a Response. */
export const hookFetch = (): typeof fetch => {
  const send = hookSend();
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    // What the responder sends; anything else would be dropped here, so it is refused.
    if (init?.body != null && typeof init.body !== "string") {
      throw new TypeError("hookFetch sends string bodies only");
    }
    const answer = await send(input instanceof Request ? input.url : String(input), {
      method: init?.method,
      headers: Object.fromEntries(new Headers(init?.headers)),
      body: init?.body ?? undefined,
      signal: init?.signal ?? undefined,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, one);
    }
    const { status } = answer;
    return new Response(NULL_BODY.has(status) ? null : answer.text, { status, headers });
  }) as typeof fetch;
};
