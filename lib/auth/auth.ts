import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";

import { MIN_PASSWORD_LENGTH } from "./password-policy";

function createAuth() {
  const config = getConfig();
  return betterAuth({
    appName: "Outflow",
    secret: config.authSecret,
    baseURL: config.publicUrl,
    database: prismaAdapter(db(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, autoSignIn: true },
    // Outflow calls better-auth only from its own server actions (no /api/auth route is
    // mounted, so sign-up cannot bypass the invite rule); sign-in failures are throttled by
    // lib/auth/sign-in-throttle.ts, which counts failures rather than requests.
    rateLimit: { enabled: false },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { outflowAuth?: Auth };

/** The better-auth instance, created on first use so that building the app needs no database. */
export function getAuth(): Auth {
  holder.outflowAuth ??= createAuth();
  return holder.outflowAuth;
}
