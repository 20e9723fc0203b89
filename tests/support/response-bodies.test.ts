import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./server.ts";

// Keeps the contract true in the tests: a JSON body is read through its server/api schema (tests/support/api.ts),
// never cast to a hand-written type, which would pass whatever the server sent.

const FOLDERS = ["tests/http", "tests/sync", "tests/reliability", "tests/app", "tests/cli", "tests/e2e"];

const RULES: Array<[RegExp, string]> = [
  [/\.json\(\)/g, "reads a body with .json(): use expectBody(res, schema) or getBody(url, schema)"],
  [
    /JSON\.parse\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)\s*as\s/g,
    "casts JSON.parse(...): use parseJson(text, schema)",
  ],
  [/\.body\)?\s+as\s/g, "casts a response body: use expectBody(res, schema)"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `file:line: what is wrong` for each place in `text` that reads a body around the schemas. */
function bodyReadsOutsideSchemas(file: string, text: string): string[] {
  return RULES.flatMap(([pattern, problem]) =>
    [...text.matchAll(pattern)].map(
      (m) => `${file}:${text.slice(0, m.index).split("\n").length}: ${problem}`,
    ),
  );
}

describe("response bodies in the tests", () => {
  it("finds each way of reading a body around its schema", () => {
    const text = [
      "const a = (await res.json()) as Settings;",
      "const b = JSON.parse(out.stdout) as { ok: boolean };",
      "const c = JSON.parse(\n  read(file).toString(),\n) as X[];",
      "const d = res.body as { error: string };",
      "const e = await expectBody(res, settingsSchema);",
      "const f = parseJson(out.stdout, cliImportReportSchema);",
    ].join("\n");
    expect(bodyReadsOutsideSchemas("x.ts", text)).toEqual([
      "x.ts:1: reads a body with .json(): use expectBody(res, schema) or getBody(url, schema)",
      "x.ts:2: casts JSON.parse(...): use parseJson(text, schema)",
      "x.ts:3: casts JSON.parse(...): use parseJson(text, schema)",
      "x.ts:6: casts a response body: use expectBody(res, schema)",
    ]);
  });

  it("are read through their server/api schemas in every HTTP, sync, reliability, app, CLI and e2e test", () => {
    const found = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))).flatMap((file) =>
      bodyReadsOutsideSchemas(relative(ROOT, file), readFileSync(file, "utf8")),
    );
    expect(found).toEqual([]);
  });
});
