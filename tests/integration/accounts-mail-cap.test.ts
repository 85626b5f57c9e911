import { describe, expect, it } from "vitest";
import { reserveMailToRecipient } from "../../app/models/account/mail.server";
import { makeUser } from "../factories";
import { testDialect } from "../support/test-db";
import { fromAddress, mailTo, passwordHash, useTestServerWithOutbox } from "./accounts-support";

/**
 * Nobody can fill a resident's inbox with the site's mail: whatever a stranger can make the site send to
 * one address (a "someone tried to join" notice, a confirmation link, a reset or sign-in link) is capped
 * at three an hour and ten a day for that address, across every kind and every network asking. Beyond
 * the cap nothing is sent and the person asking sees what they saw before.
 */
const app = useTestServerWithOutbox();

let n = 0;
const joinFields = (email: string) => {
  n++;
  return { displayName: `Mail Cap ${n} ${Date.now().toString(36)}`, email, password: "ferry-timetable-17", terms: "on" };
};

/** Mail goes out in the background: give any that was going to arrive the time to. */
async function settledMailTo(email: string): Promise<number> {
  let count = (await mailTo(email)).length;
  for (let quiet = 0; quiet < 10; ) {
    await new Promise((ok) => setTimeout(ok, 50));
    const now = (await mailTo(email)).length;
    quiet = now === count ? quiet + 1 : 0;
    count = now;
  }
  return count;
}

describe(`mail a stranger can cause (${testDialect()})`, () => {
  it("sends a resident at most three 'someone tried to join' notices for seventeen joins with her address from seventeen networks", async () => {
    const resident = await makeUser(app().db, { passwordHash: await passwordHash() });
    const newcomer = `mail-cap-new-${Date.now().toString(36)}@parley.example`;
    const answers: string[] = [];
    for (let i = 1; i <= 17; i++) {
      const response = await app().post("/join", joinFields(resident.email!), { headers: fromAddress(`198.18.${i}.${i}`) });
      answers.push(`${response.status} ${response.headers.get("location")}`);
    }
    // The answer is the one a new address gets, every time, beyond the cap as before it.
    const fresh = await app().post("/join", joinFields(newcomer), { headers: fromAddress("198.18.100.1") });
    expect(new Set(answers)).toEqual(new Set([`${fresh.status} ${fresh.headers.get("location")}`]));
    expect(fresh.status).toBe(302);

    expect(await settledMailTo(resident.email!)).toBe(3);
  });

  it("counts the kinds of mail to one address together, and a reset beyond the cap sends nothing and cancels no link", async () => {
    const resident = await makeUser(app().db, { passwordHash: await passwordHash() });
    const email = resident.email!;
    await app().post("/join", joinFields(email), { headers: fromAddress("198.19.1.1") });
    await app().post("/join", joinFields(email), { headers: fromAddress("198.19.1.2") });
    const reset = await app().post("/forgot-password", { email }, { headers: fromAddress("198.19.1.3") });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/forgot-password?sent=1");
    // A fourth mail within the hour: the answer says it was sent, as it always does, and nothing goes.
    const again = await app().post("/forgot-password", { email }, { headers: fromAddress("198.19.1.4") });
    expect(again.headers.get("location")).toBe("/forgot-password?sent=1");
    const tokens = await app().db.selectFrom("account_token").select("id").where("user_id", "=", resident.id).where("purpose", "=", "reset_password").execute();
    expect(tokens).toHaveLength(1);
    expect(await settledMailTo(email)).toBe(3);
  });

  it("lets three through an hour and ten a day to one address, then none until the day is over", async () => {
    const email = `mail-cap-day-${Date.now().toString(36)}@parley.example`;
    const start = new Date(Date.now() - 60_000);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const sent: number[] = [];
    for (let hour = 0; hour < 5; hour++) {
      let thisHour = 0;
      for (let i = 0; i < 5; i++) if (await reserveMailToRecipient(app().db, email, at(hour * 70 + i))) thisHour++;
      sent.push(thisHour);
    }
    expect(sent).toEqual([3, 3, 3, 1, 0]);
    // The tenth went at minute 210; the address hears nothing more for a day from then.
    expect(await reserveMailToRecipient(app().db, email, at(210 + 24 * 60 - 1))).toBe(false);
    expect(await reserveMailToRecipient(app().db, email, at(210 + 24 * 60 + 1))).toBe(true);
  });
});
