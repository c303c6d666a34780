/**
 * Shipped lexicons are written as small line-oriented texts so a reviewer can read a whole
 * language at a glance:
 *
 *   <category> <severity>: term | term | ...
 *   allow <category>: term | ...        exceptions (innocent words that contain a term)
 *   # comment
 *
 * A term prefixed with `~` is matched as a substring, with `=` as a whole word; otherwise the
 * default for its script applies.
 */
export interface LexiconSource {
  /** BCP 47 tag. */
  lang: string;
  /** Licence of the list; all shipped lists were compiled for this project. */
  licence: string;
  text: string;
}
