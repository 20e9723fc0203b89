import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Boundaries from docs/style.md: the parser and the analysis core stay pure; the browser imports only the API
// contract; app never imports http; only db/ opens SQLite.
const sqliteOnlyInDb = {
  group: ["better-sqlite3"],
  message: "SQL lives only in server/db/: talk to a repo.",
};

const nodeAndIo = [
  { group: ["node:*"], message: "Keep this layer pure: no Node built-ins." },
  {
    group: ["express", "better-sqlite3", "multer", "commander"],
    message: "Keep this layer pure: no I/O libraries.",
  },
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "test-artifacts/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["fit-parser/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...nodeAndIo,
            { group: ["**/server/**", "../server/*"], message: "fit-parser must not depend on the server." },
          ],
        },
      ],
    },
  },
  // core may import server/api/ (zod only, nothing of the server): the pain log's vocabulary and the entry a
  // runner submits are defined once there, as the HTTP contract, and the analysis reads them from it.
  {
    files: ["server/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...nodeAndIo,
            {
              group: ["**/db/**", "**/http/**", "**/app/**", "**/cli/**"],
              message: "core is data in, findings out.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["web/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...nodeAndIo,
            {
              group: ["**/server/*", "!**/server/api"],
              message: "web imports only the API contract (server/api/).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/api/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...nodeAndIo,
            {
              group: ["../*", "**/server/**"],
              message: "The API contract imports nothing but zod and itself.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            sqliteOnlyInDb,
            { group: ["**/http/**"], message: "app never imports http: views belong to http." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/http/**/*.ts", "server/cli/**/*.ts", "server/demo/**/*.ts", "server/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [sqliteOnlyInDb] }] },
  },
  {
    files: ["scripts/**/*.mjs", "bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
