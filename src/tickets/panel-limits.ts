/**
 * What the bot allows itself, and the panel, per exchange: in one place, as README states them.
 */

/**
 * Requests to the panel in flight at once, and so connections open to it, for the whole bot:
 * enough to keep answers quick under a burst, few enough not to flood the reseller's panel.
 */
export const MAX_UPSTREAM_REQUESTS = 16;

/**
 * The most body bytes accepted for a page (counted decoded): a base, and so much per row asked
 * for. A 1,000-row page of the provider's sample is 1.1 MB, so a digest's page may be about 15
 * times that; a 10-row list 1.2 MB; one ticket with a 1 MB description still fits.
 */
export interface ResponseLimit {
  baseBytes: number;
  perRowBytes: number;
}
export const DEFAULT_RESPONSE_LIMIT: ResponseLimit = {
  baseBytes: 1024 * 1024,
  perRowBytes: 16 * 1024,
};

/** Redirects within the panel's own origin followed per attempt (browsers allow 20). */
export const MAX_REDIRECTS = 3;
