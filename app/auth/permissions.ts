import type { Role } from "../../db/schema";

/**
 * Who may do what, in one table. Shared by the server guards and by components that decide which
 * controls to show (showing a control never grants anything: the action checks again).
 */
export const PERMISSIONS = {
  "create:comment": ["resident", "editor", "moderator", "admin"],
  "write:article": ["editor", "admin"],
  "moderate:comment": ["moderator", "admin"],
  "view:heat": ["editor", "moderator", "admin"],
  "sanction:user": ["moderator", "admin"],
  "manage:users": ["admin"],
  "manage:settings": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
