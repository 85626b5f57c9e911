import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../app/utils/time";

describe("dates in the site's time zone", () => {
  it("shows a winter afternoon as Greenwich time", () => {
    expect(formatDateTime("2013-03-26T13:36:00.000Z")).toBe("26 Mar 2013, 1:36pm");
  });

  it("shows a summer time as British Summer Time, an hour ahead of UTC", () => {
    expect(formatDateTime("2026-07-01T08:05:00.000Z")).toBe("1 Jul 2026, 9:05am");
  });

  it("rolls over to the next day in London when UTC is still on the day before", () => {
    expect(formatDate("2026-06-30T23:30:00.000Z")).toBe("1 July 2026");
  });
});

describe("noon and midnight", () => {
  it("writes the hour after noon as 12, the same on the server and in browsers", () => {
    expect(formatDateTime("2026-01-15T12:03:00.000Z")).toBe("15 Jan 2026, 12:03pm");
    expect(formatDateTime("2026-01-15T00:10:00.000Z")).toBe("15 Jan 2026, 12:10am");
  });
});
