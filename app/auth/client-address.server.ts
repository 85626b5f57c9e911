/**
 * The client's network address, as the app sees it. server/app.ts sets this header from Express's
 * req.ip on every request, overwriting anything a client sent, so routes can trust it. Routes read it
 * here and hand models a plain string.
 */
export const CLIENT_ADDRESS_HEADER = "x-parley-client-ip";

/**
 * The client's network, which is what every per-address limit counts (sign-in failures, joins, reset
 * mails, broken links, error reports) and what a sign-in address means: see clientNetwork.
 */
export function getClientAddress(request: Request): string {
  const value = request.headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  return value ? clientNetwork(value) : "unknown";
}

/**
 * The one place that decides which addresses count as one client:
 *
 * - IPv4: the address itself ("203.0.113.9").
 * - IPv4-mapped IPv6 ("::ffff:203.0.113.9", how a dual-stack socket shows an IPv4 client): the IPv4
 *   address, so one client is one key whichever way it arrived.
 * - Any other IPv6 address: its /64 prefix ("2001:db8:1:1::/64"). A /64 is the smallest network an ISP
 *   hands a home or a phone, and every device in it picks its own addresses at will (privacy
 *   addresses change daily), so counting full IPv6 addresses would give one attacker 2^64 counters.
 *
 * Anything that is not an address (a socket path, "unknown") is kept as it is, cut to 64 characters.
 */
export function clientNetwork(address: string): string {
  const value = address.trim();
  if (IPV4.test(value)) return value;
  const groups = ipv6Groups(value);
  if (!groups) return value.slice(0, 64) || "unknown";
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  return `${formatIpv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The eight 16-bit groups of an IPv6 address (a zone "%eth0" ignored, an IPv4 tail allowed), or null. */
function ipv6Groups(text: string): number[] | null {
  let value = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (tail) {
    if (!IPV4.test(tail[1]!)) return null;
    const [a, b, c, d] = tail[1]!.split(".").map(Number) as [number, number, number, number];
    value = `${value.slice(0, tail.index)}:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = value.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/** RFC 5952's short form: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}
