import { execFile } from "node:child_process";
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * A throwaway PostgreSQL server for the store's tests, started from the machine's own packages
 * (initdb and pg_ctl in a temporary directory, as the `postgres` user when running as root, on a
 * free loopback port, trust authentication on 127.0.0.1 only), and removed afterwards.
 */

const run = promisify(execFile);

export interface PostgresServer {
  /** A superuser URL for the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

const versionOf = (dir: string) => Number.parseFloat(dir) || 0;

/** The directory holding initdb and pg_ctl: PG_BIN when set, else Debian's newest, else the PATH's. */
export const findPostgresBin = (env: NodeJS.ProcessEnv = process.env): string | undefined => {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  else if (existsSync("/usr/lib/postgresql")) {
    const versions = readdirSync("/usr/lib/postgresql").sort((a, b) => versionOf(b) - versionOf(a));
    candidates.push(...versions.map((v) => join("/usr/lib/postgresql", v, "bin")));
  }
  if (!env.PG_BIN) candidates.push(...(env.PATH ?? "").split(":").filter(Boolean));
  return candidates.find(
    (dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")),
  );
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });

interface ServerUser {
  /** The command line that runs `program` as the server's user. */
  command(program: string, args: string[]): string[];
  /** Set when files must be handed to that user. */
  owner: { uid: number; gid: number } | undefined;
}

// The server refuses to run as root: as root, its programs run as the `postgres` user.
const serverUser = async (): Promise<ServerUser> => {
  if (process.getuid?.() !== 0) return { command: (p, a) => [p, ...a], owner: undefined };
  const id = async (flag: string) => {
    try {
      return Number((await run("id", [flag, "postgres"])).stdout.trim());
    } catch {
      throw new Error("running as root, but there is no `postgres` user to run PostgreSQL as");
    }
  };
  return {
    command: (program, args) => ["runuser", "-u", "postgres", "--", program, ...args],
    owner: { uid: await id("-u"), gid: await id("-g") },
  };
};

const exec = async (argv: string[]) => {
  const [program, ...args] = argv as [string, ...string[]];
  try {
    return await run(program, args, { timeout: 60_000 });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${argv.join(" ")} failed: ${e.stderr || e.stdout || e.message}`);
  }
};

const PREFIX = "tickets-pg-";
const OWNER_FILE = "test-run.pid";

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
};

/**
 * Stops the servers of earlier test runs that died before their teardown (a Ctrl-C, a kill):
 * each server's directory names the test run that started it.
 */
const reapOrphans = async (bin: string, user: ServerUser) => {
  const base = tmpdir();
  for (const name of readdirSync(base).filter((n) => n.startsWith(PREFIX))) {
    const root = join(base, name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(root, OWNER_FILE), "utf8"));
    } catch {
      continue; // not ours, or still being set up
    }
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    await exec(
      user.command(join(bin, "pg_ctl"), [
        "-D",
        join(root, "data"),
        "-m",
        "immediate",
        "-w",
        "stop",
      ]),
    ).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
};

export const startPostgres = async (bin: string): Promise<PostgresServer> => {
  const user = await serverUser();
  const command = user.command;
  await reapOrphans(bin, user);
  const root = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(root, OWNER_FILE), String(process.pid));
  if (user.owner) chownSync(root, user.owner.uid, user.owner.gid);
  const data = join(root, "data");
  const log = join(root, "server.log");
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    await exec(
      command(join(bin, "initdb"), [
        "-D",
        data,
        "-U",
        "postgres",
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions",
      ]),
    );
    // A port found free can be taken before the server binds it: try a few.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        "-c listen_addresses=127.0.0.1",
        `-k ${root}`,
        // Throwaway data: durability only costs time here.
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=200",
      ].join(" ");
      try {
        await exec(
          command(join(bin, "pg_ctl"), [
            "-D",
            data,
            "-l",
            log,
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
          ]),
        );
      } catch (error) {
        lastError = error;
        continue;
      }
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        stop: async () => {
          await exec(
            command(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]),
          ).catch(() => {});
          remove();
        },
      };
    }
    const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    throw new Error(`PostgreSQL did not start: ${String(lastError)}\n${tail}`);
  } catch (error) {
    remove();
    throw error;
  }
};
