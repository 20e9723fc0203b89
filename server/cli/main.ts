import { Command } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { registerInspect } from "./commands/inspect.ts";
import { registerServe } from "./commands/serve.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerReport } from "./commands/report.ts";
import { registerImport } from "./commands/import.ts";
import { registerSync } from "./commands/sync.ts";
import { registerReanalyse } from "./commands/reanalyse.ts";
import { registerBackup } from "./commands/backup.ts";
import { registerExport } from "./commands/export.ts";
import { registerConnect } from "./commands/connect.ts";
import { registerWorkout } from "./commands/workout.ts";

const program = new Command()
  .name("stridewise")
  .description("Overstriding, mileage spikes and hip pain, from your own running-watch FIT files.")
  .version(pkg.version)
  .showHelpAfterError();

registerServe(program, pkg.version);
registerImport(program);
registerSync(program);
registerReanalyse(program);
registerInspect(program);
registerDemo(program);
registerReport(program);
registerBackup(program);
registerExport(program);
registerConnect(program);
registerWorkout(program);

await program.parseAsync(process.argv);
