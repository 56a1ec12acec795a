/**
 * `fetch` for `response_url` posts, made with undici's `request()`: the whole request goes out
 * in one write. fetch streams every request body (undici's writeIterable: headers and body in
 * separate writes, corked chunk by chunk), which cost each answer about 0.35 ms more CPU on
 * loopback than this, a fifth of a fast answer's work. Redirects are not followed (Slack's
 * hooks do not redirect); everything the responder reads of an answer is there.
 */

/** Statuses a Response cannot have a body with. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

type Undici = typeof import("undici");

export const hookFetch = (): typeof fetch => {
  let undici: Promise<Undici> | undefined;
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    // What the responder sends; anything else would be dropped here, so it is refused.
    if (init?.body != null && typeof init.body !== "string") {
      throw new TypeError("hookFetch sends string bodies only");
    }
    undici ??= import("undici");
    const { request } = await undici;
    const signal = init?.signal ?? undefined;
    let answer: Awaited<ReturnType<Undici["request"]>>;
    let text: string;
    try {
      answer = await request(input instanceof Request ? input.url : String(input), {
        method: (init?.method ?? "GET") as "GET",
        headers: Object.fromEntries(new Headers(init?.headers)),
        body: init?.body ?? undefined,
        signal,
      });
      text = await answer.body.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // As fetch reports it: a TypeError whose cause says what happened to the connection.
      throw new TypeError("fetch failed", { cause: error });
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, one);
    }
    const { statusCode: status } = answer;
    if (status < 200 || status > 599) throw new TypeError(`fetch failed: HTTP ${status}`);
    return new Response(NULL_BODY.has(status) ? null : text, { status, headers });
  }) as typeof fetch;
};
