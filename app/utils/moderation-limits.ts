/** Lengths the moderation forms allow; shared by the server's checks and the forms' maxlength. */
export const MODERATION_NOTE_MAX = 1000;
/** A note about an account, kept on its moderation page. */
export const ACCOUNT_NOTE_MAX = 2000;
