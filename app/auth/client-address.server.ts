/**
 * The client's network address, as the app sees it. server/app.ts sets this header from Express's
 * req.ip on every request, overwriting anything a client sent, so routes can trust it. Routes read it
 * here and hand models a plain string.
 */
export const CLIENT_ADDRESS_HEADER = "x-parley-client-ip";

export function getClientAddress(request: Request): string {
  // IPv4 clients of a dual-stack socket show up as "::ffff:203.0.113.9"; one client, one key.
  const value = request.headers.get(CLIENT_ADDRESS_HEADER)?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return value ? value.slice(0, 64) : "unknown";
}
