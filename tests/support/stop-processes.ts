import { afterAll } from "vitest";
import { stopTracked } from "./processes.ts";

// A setup file: registered first, so with vitest's stacked hooks it runs after each test file's own afterAll.
afterAll(stopTracked, 20_000);
