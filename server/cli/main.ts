import { Command } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { registerInspect } from "./inspect.ts";
import { registerServe } from "./serve.ts";

const program = new Command()
  .name("stridewise")
  .description("Overstriding, mileage spikes and hip pain, from your own running-watch FIT files.")
  .version(pkg.version)
  .showHelpAfterError();

registerServe(program, pkg.version);
registerInspect(program);

await program.parseAsync(process.argv);
