/**
 * An error the user caused and can fix: its message is shown as is, next to the field it names.
 * Anything else thrown by an action is logged and shown as a generic failure.
 */
export class UserError extends Error {
  readonly fieldErrors: Record<string, string> | undefined;

  constructor(
    message: string,
    readonly field?: string,
    fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "UserError";
    this.fieldErrors = fieldErrors ?? (field ? { [field]: message } : undefined);
  }

  /** Several fields at once, e.g. a connector's own validation. */
  static forFields(fieldErrors: Record<string, string>): UserError {
    return new UserError("Some fields need attention.", undefined, fieldErrors);
  }
}

/** What was asked cannot happen in the state things are in (activate an active destination). */
export class StateConflict extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "StateConflict";
  }
}
