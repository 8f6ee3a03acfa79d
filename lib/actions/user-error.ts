/**
 * An error the user caused and can fix: its message is shown as is, next to the field it names.
 * Anything else thrown by an action is logged and shown as a generic failure.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}
