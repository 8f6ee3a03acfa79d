import { getConfig } from "@/lib/config";
import type { Keyring } from "./encryption";

export function currentKeyring(): Keyring {
  const config = getConfig();
  return { current: config.encryptionKey, previous: config.previousEncryptionKeys };
}

/** Binds a secret's envelope to its credential and field. */
export function secretOwner(credentialId: string, field: string): string {
  return `credential:${credentialId}:${field}`;
}
