const UNITS = [
  { size: 1024 * 1024 * 1024, label: "GB" },
  { size: 1024 * 1024, label: "MB" },
  { size: 1024, label: "KB" },
] as const;

/** A size for people: `10 MB`, `12.4 MB`, `512 bytes` (binary multiples, as the limit is configured). */
export function formatBytes(bytes: number): string {
  for (const { size, label } of UNITS) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${label}`;
  }
  return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
}
