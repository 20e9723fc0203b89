import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The shared, read-only corpus of real FIT files, beside the project root (as in CI). */
export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/fit-corpus/", import.meta.url));

/** Every .fit file name in the corpus, sorted. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith(".fit"))
    .sort();
}

/** The bytes of one corpus file. */
export function readCorpusFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(CORPUS_DIR + name));
}
