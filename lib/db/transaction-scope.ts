/**
 * The transaction that `db()` answers with while `withTransaction` (lib/db/transaction.ts) runs:
 * functions written for one change each (create a dataset, save a credential, make a version)
 * then share one commit without being handed a client.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "./generated/client";

export type TransactionScope = {
  /** The transaction's client, whose `$transaction` nests as a savepoint. */
  client: PrismaClient;
  /** Work that must see the commit, such as queueing a job another connection will read. */
  afterCommit: (() => Promise<unknown>)[];
};

export const transactionScope = new AsyncLocalStorage<TransactionScope>();
