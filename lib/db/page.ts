/** Prisma's findMany arguments for one cursor page of rows by id (lib/api/pages.ts makes them). */
export type Page = { take?: number; cursor?: { id: string }; skip?: number };
