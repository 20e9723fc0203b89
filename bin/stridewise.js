#!/usr/bin/env node
// The CLI is bundled by scripts/build.mjs (run by `npm install` via `prepare`, and before start/test).
import "../dist/cli.js";
