import type { TopicRef } from '@atrium/sdk';
import { Link } from 'wouter';
import { splitNoteText } from '../lib/text.js';

/** Note or comment text with `#topics` and `@mentions` as links. */
export function RichText({ text, topics = [] }: { text: string; topics?: TopicRef[] }) {
  return (
    <>
      {splitNoteText(text).map((part, index) => {
        const key = `${index}:${part.text}`;
        if (part.kind === 'topic') {
          const known = topics.find(
            (topic) => topic.display.toLowerCase() === part.tag.toLowerCase(),
          );
          const tag = known?.tag ?? part.tag.normalize('NFKC').toLowerCase();
          return (
            <Link key={key} href={`/topic/${encodeURIComponent(tag)}`} className="topic-link">
              {part.text}
            </Link>
          );
        }
        if (part.kind === 'mention') {
          return (
            <Link key={key} href={`/u/${part.handle}`} className="mention-link">
              {part.text}
            </Link>
          );
        }
        return <span key={key}>{part.text}</span>;
      })}
    </>
  );
}
