/**
 * Which errors mean "the database cannot serve right now" rather than "this request is wrong":
 * app.ts answers them 503 storage_unavailable and logs them as they are.
 */

/** PostgreSQL SQLSTATEs of a connection that broke, or a server that is going away or not ready. */
const PG_CONNECTION_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Node's socket errors, and the messages pg gives a connection that ended or timed out. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const PG_CONNECTION_MESSAGES =
  /Connection terminated|timeout expired|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed/i;

/** The connection to PostgreSQL broke or could not be made: a read may be tried again elsewhere. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (PG_CONNECTION_STATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code)) return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  return PG_CONNECTION_MESSAGES.test(error.message);
}

/**
 * SQLite: a full disk, an I/O error (its own or the WAL's sync), a damaged file, a lock held past
 * the busy timeout.
 * PostgreSQL: a lost or refused connection, a statement or idle transaction over its timeout,
 * a server out of disk, memory or connections (SQLSTATE class 53).
 */
export function isStorageFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|BUSY|LOCKED|CANTOPEN|NOMEM|READONLY)/.test(code)) return true;
    // The disk, not the request: opening SQLite's WAL to sync it (a failed sync itself ends the
    // process, storage/fail-stop.ts).
    if (code === 'EIO' || code === 'ENOSPC' || code === 'EDQUOT') return true;
    if (code === '57014' || code === '25P03' || code.startsWith('53') || code === '58030') return true;
  }
  return isConnectionError(error);
}
