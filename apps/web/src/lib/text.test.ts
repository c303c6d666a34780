import { describe, expect, it } from 'vitest';
import {
  cardAspect,
  formatDuration,
  layoutMasonry,
  mentionAtCaret,
  splitNoteText,
  topicAtCaret,
} from './text.js';

describe('splitNoteText', () => {
  it('finds topics and mentions, keeping the text around them', () => {
    expect(splitNoteText('Sunset at #海边 with @lin_mei!')).toEqual([
      { kind: 'text', text: 'Sunset at ' },
      { kind: 'topic', text: '#海边', tag: '海边' },
      { kind: 'text', text: ' with ' },
      { kind: 'mention', text: '@lin_mei', handle: 'lin_mei' },
      { kind: 'text', text: '!' },
    ]);
  });
  it('does not take an e-mail address for a mention', () => {
    expect(splitNoteText('mail a@example.org')).toEqual([
      { kind: 'text', text: 'mail a@example.org' },
    ]);
  });
});

describe('mentionAtCaret', () => {
  it('returns the handle being typed, from the @ to the caret', () => {
    expect(mentionAtCaret('thanks @lin', 11)).toEqual({ start: 7, query: 'lin' });
    expect(mentionAtCaret('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAtCaret('with @lin_mei and', 13)).toEqual({ start: 5, query: 'lin_mei' });
    expect(mentionAtCaret('与(@chen', 7)).toEqual({ start: 2, query: 'chen' });
  });
  it('is not a mention inside an address, after a letter, or once a space was typed', () => {
    expect(mentionAtCaret('mail ana@example', 16)).toBeNull();
    expect(mentionAtCaret('thanks @lin ', 12)).toBeNull();
    expect(mentionAtCaret('a@@b', 4)).toBeNull();
    expect(mentionAtCaret('hello', 5)).toBeNull();
  });
});

describe('topicAtCaret', () => {
  it('returns the topic being typed', () => {
    expect(topicAtCaret('hello #sun', 10)).toEqual({ start: 6, query: 'sun' });
    expect(topicAtCaret('hello #', 7)).toEqual({ start: 6, query: '' });
    expect(topicAtCaret('hello sun', 9)).toBeNull();
  });
});

describe('masonry', () => {
  it('clamps aspect ratios', () => {
    expect(cardAspect(1000, 100)).toBeCloseTo(4 / 3);
    expect(cardAspect(100, 1000)).toBeCloseTo(3 / 4);
    expect(cardAspect(0, 0)).toBeCloseTo(3 / 4);
  });
  it('fills the shortest column and keeps earlier items in place when more arrive', () => {
    const heights = [2, 1, 1, 1, 3, 1];
    const first = layoutMasonry(heights.slice(0, 4), 2, (h) => h);
    const more = layoutMasonry(heights, 2, (h) => h);
    expect(first).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(more[0]!.slice(0, 2)).toEqual(first[0]);
    expect(more[1]!.slice(0, 2)).toEqual(first[1]);
  });
});

describe('formatDuration', () => {
  it('reads m:ss, h:mm:ss from an hour, rounding down', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(4.9)).toBe('0:04');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('reads nonsense as zero', () => {
    expect(formatDuration(Number.NaN)).toBe('0:00');
    expect(formatDuration(-3)).toBe('0:00');
  });
});
