import {
  type TicketApiError,
  TicketApiNotJsonError,
  TicketApiRejectedError,
  TicketApiShapeError,
} from "../../tickets/errors";
import type { PageBody } from "../../tickets/interpret-answer";
import type { PageMeta } from "../../tickets/schemas";
import type { DigestSummary } from "../types";
import { DigestWorkerError } from "./digest-worker-error";

/**
 * What crosses between the digest's collection (main thread) and its worker thread. Only data
 * crosses a thread: a failure is sent as its class name and fields, and made again on the other
 * side, so `instanceof`, `transient` and the catalog's wording work there as for any page.
 */

/** The thread's `workerData`: how to fold, and the token, so nothing it reports can leak it. */
export interface FoldStart {
  aggregator: {
    top: number;
    overdueMs: number;
    /** The digest's one instant, as milliseconds. */
    nowMs: number;
    stateId?: number;
    keepIds?: boolean;
  };
  token: string;
}

export type ToThread =
  /** `body.chunks` are transferred, not copied. */
  { kind: "page"; id: number; body: PageBody } | { kind: "finish" };

export type FromThread =
  /** Folded in; `unreadable` says which rows were left out (for the log), when any were. */
  | { kind: "folded"; id: number; meta: PageMeta; unreadable?: string }
  | { kind: "refused"; id: number; error: WireError }
  /** Every page folded; `summary.waitingIds`, when kept, is transferred. */
  | { kind: "summary"; summary: DigestSummary };

/** The failures reading a success's body can end in, as data. */
export type WireError =
  | {
      name: "TicketApiNotJsonError";
      status: number;
      contentType: string | undefined;
      bodyStart: string;
    }
  | {
      name: "TicketApiRejectedError";
      status: number;
      message: string | undefined;
      details: unknown;
    }
  | { name: "TicketApiShapeError"; issues: string }
  | { name: "unexpected"; message: string };

export const encodeError = (error: unknown): WireError => {
  if (error instanceof TicketApiNotJsonError) {
    const { status, contentType, bodyStart } = error;
    return { name: error.name, status, contentType, bodyStart };
  }
  if (error instanceof TicketApiRejectedError) {
    return {
      name: error.name,
      status: error.status,
      message: error.providerMessage,
      details: error.details,
    };
  }
  if (error instanceof TicketApiShapeError) return { name: error.name, issues: error.issues };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { name: "unexpected", message };
};

export const decodeError = (wire: WireError): TicketApiError | DigestWorkerError => {
  switch (wire.name) {
    case "TicketApiNotJsonError":
      return new TicketApiNotJsonError(wire.status, wire.contentType, wire.bodyStart);
    case "TicketApiRejectedError":
      return new TicketApiRejectedError(wire.status, wire.message, wire.details);
    case "TicketApiShapeError":
      return new TicketApiShapeError(wire.issues);
    default:
      return new DigestWorkerError(`a page could not be folded (${wire.message})`);
  }
};
