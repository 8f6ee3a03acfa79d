import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM envelopes: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id
 * names the key that sealed the value, so keys can be rotated: values sealed with an older key
 * are still readable while it is kept in the keyring. The associated data binds each envelope to
 * its owner (e.g. a credential id and field), so a value copied to another row fails to open.
 */
const VERSION = "v1";

export type Keyring = { current: Buffer; previous?: Buffer[] };

export class DecryptionError extends Error {}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export function seal(plaintext: string, keyring: Keyring, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.current, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyId(keyring.current), iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function open(envelope: string, keyring: Keyring, associatedData: string): string {
  const [version, id, iv, tag, ciphertext] = envelope.split(".");
  if (version !== VERSION || !id || !iv || !tag || ciphertext === undefined) {
    throw new DecryptionError("This secret is not in a format Outflow can read.");
  }
  const key = [keyring.current, ...(keyring.previous ?? [])].find((candidate) => keyId(candidate) === id);
  if (!key) {
    throw new DecryptionError(
      `This secret was encrypted with another OUTFLOW_SECRET_KEY (key id ${id}): restore that key, or enter the secret again.`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new DecryptionError("This secret could not be decrypted: it was altered or belongs elsewhere.");
  }
}
