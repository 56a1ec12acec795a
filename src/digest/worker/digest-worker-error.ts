/**
 * The digest's worker thread could not do its part: it could not start (its file is missing
 * beside the bundle), it crashed or ran out of memory, or it met a failure no page explains.
 * Not a failure of the panel, so never retried as one: the next run starts a new thread.
 */
export class DigestWorkerError extends Error {
  override readonly name = "DigestWorkerError";
  constructor(reason: string) {
    super(`the digest's worker thread failed: ${reason}`);
  }
}
