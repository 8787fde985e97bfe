import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * An API key is `banso_<id>.<secret>`: the id finds the key's row, the secret is checked against
 * the row's Argon2id hash (the OWASP-recommended password hash). Only the hash is stored; the
 * whole key is shown once, when it is issued.
 */
const TOKEN = /^banso_([a-z0-9]{20})\.([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  id: string;
  /** The whole key, to hand to its user. */
  token: string;
  hash: string;
}

export async function newApiKey(): Promise<IssuedKey> {
  // 20 characters of base 36 from 13 random bytes, and a 256-bit secret.
  const id = BigInt(`0x${randomBytes(13).toString('hex')}`)
    .toString(36)
    .padStart(20, '0')
    .slice(-20);
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `banso_${id}.${secret}`, hash: await hash(secret) };
}

/** The key's id and secret, or undefined when the token is not shaped like a Banso key. */
export function parseApiKey(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN.exec(token);
  return match ? { id: match[1] as string, secret: match[2] as string } : undefined;
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('banso_');
}

export function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  return verify(storedHash, secret);
}
