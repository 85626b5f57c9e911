import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formValue, formValues, parseForm, UNLISTED_FIELD_MAX } from "../../app/utils/forms";

function form(fields: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

describe("what a form gets back of what was typed", () => {
  it("cuts each value to its field's limit and leaves what fits unchanged", () => {
    const values = formValues(form([["displayName", "x".repeat(60_000)], ["email", "sam@example.com"]]), { displayName: 40, email: 254 });
    expect(values).toEqual({ displayName: "x".repeat(40), email: "sam@example.com" });
  });

  it("counts characters, so no emoji is cut in half", () => {
    expect(formValues(form([["note", "😀".repeat(10)]]), { note: 3 }).note).toBe("😀😀😀");
  });

  it("finds a numbered row's limit under its name without the number", () => {
    const values = formValues(form([["title-12", "t".repeat(500)], ["body-3", "b".repeat(5_000)]]), { "title-": 120, "body-": 2_000 });
    expect(values).toEqual({ "title-12": "t".repeat(120), "body-3": "b".repeat(2_000) });
  });

  it("gives a field with no listed limit UNLISTED_FIELD_MAX characters", () => {
    expect(formValues(form([["redirectTo", `/${"x".repeat(60_000)}`]]), {}).redirectTo).toHaveLength(UNLISTED_FIELD_MAX);
    expect(formValue(form([["intent", "i".repeat(60_000)]]), "intent")).toHaveLength(UNLISTED_FIELD_MAX);
    expect(formValue(form([]), "intent")).toBe("");
  });

  it("never sends back the fields it is told to leave out", () => {
    expect(formValues(form([["email", "sam@example.com"], ["password", "secret words"]]), {}, ["password"])).toEqual({ email: "sam@example.com" });
  });

  it("cuts the values of a form that failed its schema, whatever the check that failed", () => {
    const schema = z.object({ name: z.string().refine((v) => v.length <= 40, "Use at most 40 characters.") });
    const parsed = parseForm(schema, form([["name", "x".repeat(60_000)]]), { limits: { name: 40 } });
    expect(parsed).toEqual({ ok: false, errors: { name: "Use at most 40 characters." }, values: { name: "x".repeat(40) } });
  });
});
