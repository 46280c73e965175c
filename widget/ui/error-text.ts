/**
 * The message for an error code of shared/errors.ts, from the reader's dictionary (the panel
 * uses it too); unknown codes read as a generic failure.
 */
export function errorText(t: { errors: { internal: string } }, code: string): string {
  return (t.errors as Record<string, string>)[code] ?? t.errors.internal;
}
