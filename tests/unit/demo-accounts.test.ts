import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_DOMAIN, demoResidentEmail } from "../../db/seed";
import { residentNames } from "../../db/seed/content";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const residentRow = readme.split("\n").find((line) => line.startsWith("| resident |")) ?? "";

describe("the demo accounts the README lists", () => {
  it("names the first resident's address and counts the others", () => {
    expect(residentRow).toContain(`\`${DEMO_ACCOUNTS.resident}\``);
    expect(residentRow).toContain(`and ${residentNames.length - 1} more`);
  });

  it("describes every resident's address, a name of three parts included", () => {
    for (const name of residentNames) {
      const expected = `${name.toLowerCase().split(/[^a-z]+/).filter(Boolean).join(".")}@${DEMO_DOMAIN}`;
      expect(demoResidentEmail(name), name).toBe(expected);
    }
    const threeParts = residentNames.find((name) => name.split(/[\s-]+/).length > 2);
    expect(threeParts).toBeDefined();
    expect(residentRow).toContain(`\`${demoResidentEmail(threeParts!)}\``);
  });
});
