import type { Metadata } from "next";
import { InvitePanel } from "@/components/members/invite-panel";
import { RemoveMemberButton, RevokeInviteButton } from "@/components/members/member-actions";
import { MemberRole } from "@/components/members/member-role";
import { formatDate } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { listPendingInvites } from "@/lib/workspaces/invites";
import { listMembers } from "@/lib/workspaces/members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const session = await requireWorkspaceSession();
  const isOwner = can(session.role, "members.manage");
  const [members, invites] = await Promise.all([
    listMembers(session.workspace.id),
    isOwner ? listPendingInvites(session.workspace.id) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title="Members"
        description={`Everyone in ${session.workspace.name} sees the same datasets, credentials and destinations. Viewers read; editors change datasets and destinations; admins also manage credentials, ingest keys and alerts; owners also manage members and roles.`}
      />
      <div className="space-y-6">
        {isOwner ? <InvitePanel /> : null}
        <section aria-labelledby="members-heading" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="members-heading" className="border-b border-slate-100 px-5 py-3 font-semibold">
            {members.length === 1 ? "1 member" : `${members.length} members`}
          </h2>
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-5 py-2 font-medium">Name</th>
                <th className="px-5 py-2 font-medium">Email</th>
                <th className="px-5 py-2 font-medium">Role</th>
                <th className="px-5 py-2 font-medium">Joined</th>
                <th className="px-5 py-2" />
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.userId} className="border-t border-slate-100">
                  <td className="px-5 py-3 font-medium">{member.name}</td>
                  <td className="px-5 py-3 text-slate-600">{member.email}</td>
                  <td className="px-5 py-3 text-slate-600">
                    {isOwner ? (
                      <MemberRole userId={member.userId} name={member.name} role={member.role} />
                    ) : (
                      ROLE_LABELS[member.role]
                    )}
                  </td>
                  <td className="px-5 py-3 text-slate-600">{formatDate(member.joinedAt)}</td>
                  <td className="px-5 py-3 text-right">
                    {isOwner && member.role !== "owner" ? (
                      <RemoveMemberButton userId={member.userId} name={member.name} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {isOwner && invites.length > 0 ? (
          <section aria-labelledby="invites-heading" className="rounded-lg border border-slate-200 bg-white">
            <h2 id="invites-heading" className="border-b border-slate-100 px-5 py-3 font-semibold">
              Pending invites
            </h2>
            <ul>
              {invites.map((invite) => (
                <li
                  key={invite.id}
                  className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm first:border-t-0"
                >
                  <span>
                    {invite.email ?? "Anyone with the link"}
                    <span className="ml-2 text-slate-500">as {ROLE_LABELS[invite.role].toLowerCase()},</span>
                    <span className="ml-2 text-slate-500">expires {formatDate(invite.expiresAt)}</span>
                  </span>
                  <RevokeInviteButton inviteId={invite.id} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
