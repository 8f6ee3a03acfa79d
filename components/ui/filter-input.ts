/** The look of a filter form's select or text input (Request Log, Failed Records, version diff). */
export const filterInputClass =
  "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30";
