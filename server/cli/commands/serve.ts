import { mkdirSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { Db } from "../../db/open.ts";
import { DEFAULT_HOST, resolveDataDir, resolvePort } from "../../config.ts";

/** How long a stopping server lets requests in flight finish before it cuts them. */
const DRAIN_MS = 5_000;

interface ServeOptions {
  port?: string | undefined;
  host?: string | undefined;
  data?: string | undefined;
}

/** `stridewise serve`: the dashboard and its API, on loopback unless told otherwise. */
export function registerServe(program: Command, version: string): void {
  program
    .command("serve")
    .description("serve the dashboard (what `npm start` runs)")
    .option("--port <n>", "port to listen on (default: $PORT or 4173)")
    .option("--host <addr>", `address to listen on (default: ${DEFAULT_HOST})`)
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((opts: ServeOptions) => runServe(opts, version));
}

/** Serves the dashboard and its API until SIGINT or SIGTERM; exit status 1 if it cannot start. */
async function runServe(opts: ServeOptions, version: string): Promise<void> {
  // Loaded only when this command runs: no other command loads express and the server's packages.
  const [{ createApp }, { resolveAccess }, { openDataDir }, { storageError }, { loadDemo }] =
    await Promise.all([
      import("../../http/app.ts"),
      import("../../http/security.ts"),
      import("../../db/open.ts"),
      import("../../db/storage-errors.ts"),
      import("../../app/demo.ts"),
    ]);
  const dataDir = resolveDataDir(opts.data);
  const port = resolvePort(opts.port);
  const host = opts.host ?? DEFAULT_HOST;
  const access = resolveAccess({
    host,
    password: process.env["STRIDEWISE_PASSWORD"],
    extraHosts: process.env["STRIDEWISE_ALLOWED_HOSTS"],
    trustProxy: process.env["STRIDEWISE_TRUST_PROXY"],
    interfaceAddresses: Object.values(networkInterfaces()).flatMap((list) =>
      (list ?? []).map((i) => i.address),
    ),
  });
  if ("error" in access) {
    console.error(access.error);
    process.exitCode = 1;
    return;
  }
  let db: Db;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = openDataDir(dataDir);
  } catch (err) {
    const storage = storageError(err, dataDir);
    if (!storage) throw err;
    console.error(`Could not open the data folder: ${storage.message}`);
    process.exitCode = 1;
    return;
  }
  // Every chunk of the CLI bundle sits directly in dist/, the dashboard beside them in dist/web.
  const webDir = join(dirname(fileURLToPath(import.meta.url)), "web");
  const app = createApp({
    db,
    webDir,
    dataDir,
    version,
    security: access,
    backgroundSync: true,
    loadDemo: () => loadDemo(db, { now: new Date() }),
  });
  const server = app.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    console.log(`Stridewise is running at http://${host}:${actualPort} (data in ${dataDir})`);
  });
  server.on("error", (err) => {
    console.error(`Could not start the server: ${err.message}`);
    process.exitCode = 1;
  });
  let stopping = false;
  const stop = (): void => {
    // A second signal while draining: the runner means it.
    if (stopping) process.exit(1);
    stopping = true;
    const done = (): void => {
      db.close();
      process.exit(0);
    };
    // No new connections; requests in flight get DRAIN_MS to finish (an upload still arriving does not hold
    // the stop for long), then every connection is cut. An import cut short stored whole files or none.
    server.close(done);
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
