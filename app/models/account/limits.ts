/** Lengths the account forms enforce; shared by the server rules and the hints the forms show. */
export const DISPLAY_NAME_MIN = 2;
export const DISPLAY_NAME_MAX = 40;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
/** The longest email address there can be (RFC 5321's path limit less its angle brackets). */
export const EMAIL_MAX = 254;
