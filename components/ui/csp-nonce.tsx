"use client";

import { createContext, type ReactNode, useContext } from "react";

const CspNonceContext = createContext<string | undefined>(undefined);

/** The page's Content-Security-Policy nonce, for client code that injects its own style elements. */
export function CspNonceProvider({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return <CspNonceContext.Provider value={nonce}>{children}</CspNonceContext.Provider>;
}

export function useCspNonce(): string | undefined {
  return useContext(CspNonceContext);
}
