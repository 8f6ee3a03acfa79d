import Link from "next/link";

/** Previous / Next links for one paged list of the page, keeping the other lists' pages. */
export function Pager({
  label,
  page,
  pageCount,
  hrefFor,
}: {
  /** Names the navigation, e.g. "Runs pages". */
  label: string;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  return (
    <nav aria-label={label} className="flex items-center justify-end gap-3 px-5 py-3 text-sm">
      <span className="text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} scroll={false} className={linkClass}>
          Newer
        </Link>
      ) : null}
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} scroll={false} className={linkClass}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
