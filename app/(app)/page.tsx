import type { Metadata } from "next";
import { GettingStarted } from "@/components/shell/getting-started";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireWorkspaceSession();
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome, ${session.user.name}. Your destination flows and their health appear here.`}
      />
      <section aria-labelledby="first-flow">
        <h2 id="first-flow" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Your first flow in three steps
        </h2>
        <GettingStarted />
      </section>
    </>
  );
}
