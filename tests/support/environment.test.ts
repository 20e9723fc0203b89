import { describe, expect, it } from "vitest";
import {
  CHROMIUM,
  EXTENDED_DIR,
  REQUIRE_ALL,
  hasChromium,
  hasExtended,
  missingParts,
} from "./environment.ts";

describe("the test environment", () => {
  it("names each missing part in one line, with how to supply it", () => {
    const lines = missingParts();
    expect(lines.length).toBe(Number(!hasExtended) + Number(!hasChromium));
    if (!hasExtended) expect(lines.join("\n")).toContain("STRIDEWISE_EXTENDED_CORPUS=");
    if (!hasChromium) expect(lines.join("\n")).toMatch(/apt-get install chromium.*STRIDEWISE_CHROMIUM=/);
    for (const line of lines) expect(line).not.toContain("\n");
  });

  // Under .ci/run the suite may not skip: a missing part fails here, by name, as well as in the tests that need it.
  it.runIf(REQUIRE_ALL)("has the extended corpus, as STRIDEWISE_REQUIRE_ALL=1 demands", () => {
    expect(hasExtended, `no extended corpus at ${EXTENDED_DIR}`).toBe(true);
  });

  it.runIf(REQUIRE_ALL)("has Chromium, as STRIDEWISE_REQUIRE_ALL=1 demands", () => {
    expect(hasChromium, `no Chromium at ${CHROMIUM}`).toBe(true);
  });
});
