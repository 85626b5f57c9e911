import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { fieldError, fromAddress, inputValue, pageText, useFreshOutbox } from "./accounts-support";

let app: TestServer;
beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

let n = 0;
const join = (displayName: string) => {
  n++;
  return app.post(
    "/join",
    { displayName, email: `lookalike${n}-${Date.now().toString(36)}@parley.example`, password: "ferry-timetable-17", terms: "on" },
    { headers: fromAddress() },
  );
};

describe("joining with a name that passes for someone else", () => {
  it("refuses a look-alike of an existing name beside the field, keeping what was typed", async () => {
    await makeUser(app.db, { displayName: "Sam Okonedo", role: "admin" });
    // All-Cyrillic letters that look Latin: one script, so only the skeleton can tell.
    await makeUser(app.db, { displayName: "Bop Tax" });
    const response = await join("\u0412\u041e\u0420 \u0422\u0430\u0445");
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(fieldError(html, "displayName")).toMatch(/looks too much like another resident's/);
    expect(inputValue(html, "displayName")).toBe("\u0412\u041e\u0420 \u0422\u0430\u0445");
  });

  it("refuses a resident's name written with other spacing or punctuation, saying why beside the field", async () => {
    for (const name of ["Sam Okonedo", "Morven Sinclair"]) {
      const existing = await app.db.selectFrom("user").select("id").where("display_name", "=", name).executeTakeFirst();
      if (!existing) await makeUser(app.db, { displayName: name });
    }
    for (const copy of ["SamOkonedo", "Sam_Okonedo", "Sam-Okonedo", "Sam Okonedo.", "Sam O'konedo", "MorvenSinclair", "Morven.Sinclair"]) {
      const response = await join(copy);
      expect(response.status, copy).toBe(400);
      const html = await pageText(response);
      expect(fieldError(html, "displayName"), copy).toBe(
        "That name looks too much like another resident's (spaces, punctuation and look-alike letters do not tell names apart). Choose one that is easier to tell apart.",
      );
      expect(inputValue(html, "displayName")).toBe(copy);
    }
    const copies = await app.db.selectFrom("user").select("id").where("display_name", "in", ["SamOkonedo", "MorvenSinclair"]).execute();
    expect(copies).toEqual([]);
  });

  it("refuses a Latin name with a Cyrillic letter and staff titles in other alphabets", async () => {
    const mixed = await pageText(await join("Sam Ok\u043enedo"));
    expect(fieldError(mixed, "displayName")).toMatch(/^Use letters from one alphabet/);
    for (const name of ["Parley Desk", "The Par1ey Team"]) {
      const html = await pageText(await join(name));
      expect(fieldError(html, "displayName"), name).toMatch(/Names cannot look like a staff title/);
    }
  });

  it("lets ordinary names from any alphabet join", async () => {
    for (const name of ["Jos\u00e9 Ferreira", "\u7530\u4e2d Taro", "\u0386\u03bd\u03bd\u03b1 \u03a0\u03b1\u03c0\u03b1"]) {
      const response = await join(name);
      expect(response.status, name).toBe(302);
    }
  });

  it("lets only one of two people joining at once with look-alike names have it", async () => {
    const responses = await Promise.all([join("Morag Flett"), join("M\u043er\u0430g Fl\u0435tt".normalize()), join("MORAG  FLETT")]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(2);
    const rows = await app.db.selectFrom("user").select("display_name").where("name_skeleton", "like", "%flett%").execute();
    expect(rows).toHaveLength(1);
  });

  it("lets two people joining at once with look-alike single-script names have only one", async () => {
    const responses = await Promise.all([join("Bop Cex"), join("\u0412\u041e\u0420 \u0421\u0435\u0445")]);
    expect(responses.map((r) => r.status).sort()).toEqual([302, 400]);
  });
});

describe("changing a name in settings", () => {
  it("refuses another's look-alike beside the field and lets staff carry their title", async () => {
    await makeUser(app.db, { displayName: "Eilidh Rae" });
    const resident = await makeUser(app.db);
    const lookalike = await app.post("/settings", { intent: "display-name", displayName: "EiIidh  Rae" }, { as: resident });
    expect(lookalike.status).toBe(400);
    const html = await pageText(lookalike);
    expect(fieldError(html, "displayName")).toMatch(/looks too much like another resident's/);
    expect(inputValue(html, "displayName")).toBe("EiIidh  Rae");

    const cyrillic = await app.post("/settings", { intent: "display-name", displayName: "\u0415\u0456l\u0456dh R\u0430\u0435" }, { as: resident });
    expect(fieldError(await pageText(cyrillic), "displayName")).toMatch(/one alphabet/);

    const moderator = await makeUser(app.db, { role: "moderator" });
    const titled = await app.post("/settings", { intent: "display-name", displayName: "Mo the Moderator" }, { as: moderator });
    expect(titled.status).toBe(302);
    const asResident = await app.post("/settings", { intent: "display-name", displayName: "Mo the Moderator 2" }, { as: resident });
    expect(fieldError(await pageText(asResident), "displayName")).toMatch(/staff title/);

    // One's own name is no clash: the same look, respelt.
    const own = await app.post("/settings", { intent: "display-name", displayName: "Mo the ModeratoR" }, { as: moderator });
    expect(own.status).toBe(302);
  });
});
