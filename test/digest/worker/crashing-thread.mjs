// A fold thread that dies on its first page, as one that ran out of memory or met a bug would.
// Plain JavaScript: worker-file.ts starts it as a bundle's thread, without tsx.
import { parentPort } from "node:worker_threads";

parentPort?.on("message", () => {
  throw new Error("the thread fell over");
});
