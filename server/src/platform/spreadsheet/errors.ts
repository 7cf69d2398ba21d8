import { AppError } from '../errors';

/**
 * A file that cannot be read as a spreadsheet, or that lacks what the reader was asked
 * for. It is a `validation_failed` on the multipart field `file`, so a route that lets it
 * through answers 400 with the message next to the upload; a job stores the message.
 */
export class SpreadsheetError extends AppError {
  constructor(
    message: string,
    /** The row (as the spreadsheet shows it) where reading stopped, when there is one. */
    readonly row?: number,
  ) {
    const text = row ? `row ${row}: ${message}` : message;
    super(400, 'validation_failed', text, [{ path: 'file', message: text }]);
  }
}
