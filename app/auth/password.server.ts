import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id with the parameters OWASP's password storage guidance recommends as a floor
 * (19 MiB memory, 2 iterations, 1 lane). The algorithm and parameters travel inside the hash string,
 * so raising them later only affects new hashes.
 */
const ARGON2ID = 2; // Algorithm.Argon2id; a const enum in the typings, so spelled out here
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}
