import { describe, expect, it } from "vitest";
import { afterHoursNotice, DEFAULT_STAFFED_HOURS, dutyAt, type StaffedHours } from "../../app/utils/staffed-hours";

// Issue 15 part 1: on-duty hours per weekday in the site's time zone (Europe/London), with dates off;
// the switch at the boundary and across the change to and from summer time.

const weekdays: StaffedHours = { ...DEFAULT_STAFFED_HOURS, enabled: true };
const at = (iso: string) => new Date(iso);

describe("who is on duty", () => {
  it("counts moderators always on duty while staffed hours are off", () => {
    expect(dutyAt(DEFAULT_STAFFED_HOURS, at("2026-12-06T03:00:00Z"))).toEqual({ onDuty: true, nextChange: null });
  });

  it("switches exactly at the boundary, in winter (GMT = UTC)", () => {
    // Monday 7 December 2026
    expect(dutyAt(weekdays, at("2026-12-07T08:59:59.999Z"))).toEqual({ onDuty: false, nextChange: "2026-12-07T09:00:00.000Z" });
    expect(dutyAt(weekdays, at("2026-12-07T09:00:00Z"))).toEqual({ onDuty: true, nextChange: "2026-12-07T17:30:00.000Z" });
    expect(dutyAt(weekdays, at("2026-12-07T17:29:59.999Z")).onDuty).toBe(true);
    expect(dutyAt(weekdays, at("2026-12-07T17:30:00Z"))).toEqual({ onDuty: false, nextChange: "2026-12-08T09:00:00.000Z" });
  });

  it("knows the weekend: Friday evening's next change is Monday morning", () => {
    expect(dutyAt(weekdays, at("2026-12-11T18:00:00Z"))).toEqual({ onDuty: false, nextChange: "2026-12-14T09:00:00.000Z" });
  });

  it("keeps local hours across the change to summer time (29 March 2027) and back (31 October 2027)", () => {
    // The Friday before the change: 9:00 GMT is 09:00 UTC; the Monday after: 9:00 BST is 08:00 UTC.
    expect(dutyAt(weekdays, at("2027-03-26T18:00:00Z")).nextChange).toBe("2027-03-29T08:00:00.000Z");
    expect(dutyAt(weekdays, at("2027-03-29T08:00:00Z")).onDuty).toBe(true);
    expect(dutyAt(weekdays, at("2027-03-29T07:59:00Z")).onDuty).toBe(false);
    expect(dutyAt(weekdays, at("2027-03-29T16:29:00Z"))).toEqual({ onDuty: true, nextChange: "2027-03-29T16:30:00.000Z" });
    // Back to GMT on Sunday 31 October 2027: Friday 29th ends at 16:30 UTC, Monday 1 November starts at 09:00 UTC.
    expect(dutyAt(weekdays, at("2027-10-29T16:30:00Z"))).toEqual({ onDuty: false, nextChange: "2027-11-01T09:00:00.000Z" });
  });

  it("handles a Sunday shift across the night the clocks go forward and back", () => {
    const sundayNights: StaffedHours = {
      enabled: true,
      days: { monday: null, tuesday: null, wednesday: null, thursday: null, friday: null, saturday: null, sunday: { from: "00:30", to: "03:00" } },
      datesOff: [],
    };
    // 28 March 2027: 00:30 GMT (00:30 UTC) to 03:00 BST (02:00 UTC); the hour 01:00-02:00 local never happens.
    expect(dutyAt(sundayNights, at("2027-03-28T00:29:00Z")).nextChange).toBe("2027-03-28T00:30:00.000Z");
    expect(dutyAt(sundayNights, at("2027-03-28T01:30:00Z"))).toEqual({ onDuty: true, nextChange: "2027-03-28T02:00:00.000Z" });
    // 31 October 2027: 00:30 BST (23:30 UTC the day before) to 03:00 GMT (03:00 UTC): three and a half hours.
    expect(dutyAt(sundayNights, at("2027-10-30T23:30:00Z"))).toEqual({ onDuty: true, nextChange: "2027-10-31T03:00:00.000Z" });
  });

  it("keeps nobody on duty on a date off, and joins spans that meet at midnight", () => {
    const christmas: StaffedHours = { ...weekdays, datesOff: ["2026-12-25"] };
    expect(dutyAt(christmas, at("2026-12-25T12:00:00Z"))).toEqual({ onDuty: false, nextChange: "2026-12-28T09:00:00.000Z" });
    const roundTheClock: StaffedHours = {
      enabled: true,
      days: { ...weekdays.days, monday: { from: "18:00", to: "24:00" }, tuesday: { from: "00:00", to: "02:00" } },
      datesOff: [],
    };
    expect(dutyAt(roundTheClock, at("2026-12-07T23:00:00Z"))).toEqual({ onDuty: true, nextChange: "2026-12-08T02:00:00.000Z" });
  });

  it("says plainly what applies and when comments will next be reviewed", () => {
    const duty = dutyAt(weekdays, at("2026-12-07T20:00:00Z"));
    expect(afterHoursNotice("hold", duty)).toBe(
      "Our moderators are back at 9:00am on Tuesday 8 December. Until then, new comments on this story wait for review before they appear.",
    );
    expect(afterHoursNotice("pause", duty)).toContain("new comments on this story are paused; replies to existing comments still appear");
    expect(afterHoursNotice("carry_on", duty)).toBe("Our moderators are back at 9:00am on Tuesday 8 December. Comments appear as usual and are reviewed then.");
    expect(afterHoursNotice("hold", dutyAt(weekdays, at("2026-12-07T10:00:00Z")))).toBeNull();
    expect(afterHoursNotice("hold", dutyAt(weekdays, at("2026-12-11T18:00:00Z")))).toContain("back at 9:00am on Monday 14 December");
  });
});
