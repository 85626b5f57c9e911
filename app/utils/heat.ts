/** The heat view's window and the ways it sorts (app/models/moderation/heat.server.ts reads the figures). */
export const HEAT_HOURS = 24;
export const HEAT_SORTS = ["last-hour", "total", "commenters", "held", "reports"] as const;
export type HeatSort = (typeof HEAT_SORTS)[number];
