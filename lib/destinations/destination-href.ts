/** Where a destination opens: its page once Done saved a version, the wizard until then. */
export function destinationHref(destinationId: string, currentVersion: number): string {
  return currentVersion > 0 ? `/destinations/${destinationId}` : `/destinations/${destinationId}/setup`;
}
