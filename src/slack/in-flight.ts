/**
 * Work still running after its ack (fetching, answering). On shutdown we stop taking new
 * requests, then give this work a short while to finish so nobody is left without an answer.
 */
export interface InFlight {
  track<T>(work: Promise<T>): Promise<T>;
  readonly size: number;
  /** Resolves true when everything finished, false when `timeoutMs` ran out first. */
  drain(timeoutMs: number): Promise<boolean>;
}

export const createInFlight = (): InFlight => {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(settled);
      void settled.then(() => pending.delete(settled));
      return work;
    },
    get size() {
      return pending.size;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      // Work can start while we wait (a request that was already being read): wait for that too.
      const settle = async (): Promise<true> => {
        while (pending.size > 0) await Promise.all([...pending]);
        return true;
      };
      const result = await Promise.race([settle(), timedOut]);
      clearTimeout(timer);
      return result;
    },
  };
};
