import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';

// For the catalogue tests (never bundled): what a message's placeholders are, and whether a
// translation's agree with the English.

/** Each argument of a message, and whether its value shows in the text (not only chooses a branch). */
export function placeholdersOf(message: string): Map<string, { shown: boolean }> {
  const found = new Map<string, { shown: boolean }>();
  const note = (name: string, shown: boolean) => {
    const known = found.get(name);
    found.set(name, { shown: shown || (known?.shown ?? false) });
  };
  const walk = (elements: MessageFormatElement[], plural: string | null) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          note(element.value, true);
          break;
        case TYPE.pound:
          if (plural) note(plural, true);
          break;
        case TYPE.plural:
          note(element.value, false);
          for (const option of Object.values(element.options)) walk(option.value, element.value);
          break;
        case TYPE.select:
          note(element.value, false);
          for (const option of Object.values(element.options)) walk(option.value, plural);
          break;
        case TYPE.tag:
          walk(element.children, plural);
          break;
        default:
          break;
      }
    }
  };
  walk(parse(message), null);
  return found;
}

/**
 * What is wrong with a translation's placeholders: one the English does not have (its value
 * would be missing), or one whose value the English shows and the translation drops. A
 * placeholder that only chooses a plural form may go (Chinese, Japanese and Korean have none).
 */
export function placeholderProblems(english: string, translated: string): string[] {
  const source = placeholdersOf(english);
  const target = placeholdersOf(translated);
  const problems: string[] = [];
  for (const name of target.keys()) {
    if (!source.has(name)) problems.push(`unknown placeholder {${name}}`);
  }
  for (const [name, { shown }] of source) {
    if (shown && !target.has(name)) problems.push(`missing placeholder {${name}}`);
  }
  return problems;
}
