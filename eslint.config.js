import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Boundaries from docs: the parser and the analysis core stay pure; the browser never imports server code.
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
              group: ["**/server/**"],
              allowTypeImports: true,
              message: "web imports only types from the server.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**/*.mjs", "bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
