import { Command } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { registerInspect } from "./inspect.ts";
import { registerServe } from "./serve.ts";
import { registerDemo } from "./demo.ts";
import { registerReport } from "./report.ts";
import { registerImport } from "./import.ts";
import { registerSync } from "./sync.ts";
import { registerReanalyze } from "./reanalyze.ts";
import { registerBackup } from "./backup.ts";
import { registerExport } from "./export.ts";
import { registerConnect } from "./connect.ts";
import { registerWorkout } from "./workout.ts";

const program = new Command()
  .name("stridewise")
  .description("Overstriding, mileage spikes and hip pain, from your own running-watch FIT files.")
  .version(pkg.version)
  .showHelpAfterError();

registerServe(program, pkg.version);
registerImport(program);
registerSync(program);
registerReanalyze(program);
registerInspect(program);
registerDemo(program);
registerReport(program);
registerBackup(program);
registerExport(program);
registerConnect(program);
registerWorkout(program);

await program.parseAsync(process.argv);
