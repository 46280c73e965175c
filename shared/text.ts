/**
 * Characters that must not hide inside what readers type: control characters (line breaks, tabs,
 * NUL) and invisible format characters, among them the bidi overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that reverse the text shown around them, and zero-width spaces.
 */
const CONTROL_OR_INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Bidi embeddings, overrides and isolates, which make text display in another order than it reads. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/** True when `text` holds a control or invisible format character anywhere. */
export function hasControls(text: string): boolean {
  return CONTROL_OR_INVISIBLE.test(text);
}

/** True when `text` holds a bidi embedding, override or isolate. */
export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROLS.test(text);
}
