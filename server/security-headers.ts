import type express from "express";
import { randomBytes } from "node:crypto";

/**
 * The headers every answer carries (ADR 14). Each response gets a fresh nonce: Remix's inline scripts
 * (the hydration data, the module that starts the app, scroll restoration) carry it, the policy allows
 * nothing else inline, and 'strict-dynamic' lets the scripts those load run without listing hosts.
 * Pages kept in a cache are stored with their nonce as a slot, so that every reader gets a nonce of
 * their own (server/page-cache.ts).
 */

declare module "express-serve-static-core" {
  interface Locals {
    /** This response's Content-Security-Policy nonce, handed to Remix as load context. */
    cspNonce?: string;
  }
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
  }
}

/** Random bytes drawn from the system's generator a few KB at a time: one call per nonce costs more than the answer. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** 128 random bits in base64url: within CSP's nonce grammar and safe in any HTML attribute. */
export function generateNonce(): string {
  if (randomOffset + 16 > randomPool.length) {
    randomPool = randomBytes(16 * 256);
    randomOffset = 0;
  }
  randomOffset += 16;
  return randomPool.toString("base64url", randomOffset - 16, randomOffset);
}

export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    // Vite's development client injects the styles it hot-reloads as <style> elements.
    options.development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    // Editors and residents may show pictures from other sites (sanitised to http(s) addresses).
    "img-src 'self' https: http: data:",
    "font-src 'self'",
    options.development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ];
  return directives.join("; ");
}

const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "browsing-topics=()",
].join(", ");

/** HSTS only over HTTPS, where the browser honours it: half a year, subdomains left to the operator. */
export const HSTS = "max-age=15552000";

/** Every answer's security headers, with its nonce (the page cache's own answers send the same). */
export function securityHeaderList(nonce: string, secure: boolean, options: { development?: boolean } = {}): [string, string][] {
  const headers: [string, string][] = [
    ["Content-Security-Policy", contentSecurityPolicy(nonce, options)],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    // For browsers that predate frame-ancestors.
    ["X-Frame-Options", "SAMEORIGIN"],
  ];
  if (secure) headers.push(["Strict-Transport-Security", HSTS]);
  return headers;
}

export function securityHeaders(options: { development?: boolean } = {}): express.RequestHandler {
  return (req, res, next) => {
    const nonce = generateNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of securityHeaderList(nonce, req.secure, options)) res.setHeader(name, value);
    next();
  };
}
