/** A topic as a note names it: its identity and how it was typed. */
export interface TopicMention {
  tag: string;
  display: string;
}

/** The identity of a topic: NFKC, case-folded, without the `#`. */
export function normalizeTopic(raw: string): string {
  return raw.replace(/^#/, '').normalize('NFKC').toLowerCase().trim();
}
