import "@fontsource-variable/inter";
import "./globals.css";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { CspNonceProvider } from "@/components/ui/csp-nonce";
import { nonceFromPolicy } from "@/lib/http/security-headers";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Outflow", template: "%s · Outflow" },
  description: "Send dataset records to SaaS APIs: previewed, tested and monitored.",
  icons: { icon: "/logo.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts puts the page's policy on the request; client code that adds style elements needs its nonce.
  const nonce = nonceFromPolicy((await headers()).get("content-security-policy"));
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <CspNonceProvider nonce={nonce}>
          <Providers>{children}</Providers>
        </CspNonceProvider>
      </body>
    </html>
  );
}
