/**
 * Text that people type and other people read (a sender's name, a blessing, a claimer's name).
 * Characters that show nothing but change what is shown — bidi overrides that reverse a name,
 * zero-width and filler characters that make an empty name look filled — are dropped before the
 * text is checked or stored, so what the recipient reads is what the sender visibly typed.
 */

/**
 * Invisible characters: Unicode format characters (bidi embeddings, overrides and isolates, zero-width
 * space/joiners, word joiner, BOM, soft hyphen, tags…), the Hangul fillers, the braille blank.
 */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Control characters (NUL, newlines, tabs…): refused rather than silently changed. */
export const CONTROL = /\p{Cc}/u;

/** `text` without its invisible characters, trimmed. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '').trim();
}

/** Line breaks and tabs a text area lets people type, as single spaces (one-line texts). */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
