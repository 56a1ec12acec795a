import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEngine } from "../../../src/store/sqlite-engine";

/**
 * Run as its own process (libsql is loaded once per process): opens a SQLite store, counting the
 * diagnostic reports made meanwhile, and prints what it saw as JSON.
 */
const report = process.report;
const real = report.getReport;
let reports = 0;
const counting = (...args: Parameters<typeof real>) => {
  reports += 1;
  return real.apply(report, args);
};
report.getReport = counting;
const dir = mkdtempSync(join(tmpdir(), "tickets-reports-"));
try {
  const engine = openSqliteEngine(join(dir, "reports.db"));
  await engine.close();
  process.stdout.write(
    JSON.stringify({ reports, restored: report.getReport === counting, opened: true }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
