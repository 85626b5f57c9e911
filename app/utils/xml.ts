/**
 * The characters XML 1.0 cannot carry at all, escaped or not: control characters other than tab, line
 * feed and carriage return, lone surrogates, U+FFFE and U+FFFF. Every value written into XML (feeds,
 * the sitemap, the WordPress export) loses them first.
 */
const FORBIDDEN_IN_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function withoutXmlForbidden(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, "");
}

/** Text for an XML element or attribute: forbidden characters dropped, markup characters escaped. */
export function escapeXml(text: string): string {
  return withoutXmlForbidden(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
