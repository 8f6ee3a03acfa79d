/** Shown instead of a form the viewer's role may not use: what is refused and whom to ask. */
export function RefusedNotice({ message }: { message: string }) {
  return (
    <p role="note" className="rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
      {message}
    </p>
  );
}
