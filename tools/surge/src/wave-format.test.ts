import { describe, expect, it } from 'vitest';
import {
  commentReference,
  noteReference,
  parseContentReference,
  parseEventLine,
} from './wave-format.js';

describe('wave lines', () => {
  it('reads a sign-up with its client fields and keeps fields it does not know', () => {
    const parsed = parseEventLine(
      JSON.stringify({
        t: 1.5,
        actor: 'a1',
        type: 'signup',
        method: 'phone',
        phone: '+14155550100',
        handle: 'mochi_fan',
        ip: '8.8.8.8',
        codeMs: 9000,
        pow: 'solves',
        futureField: { nested: true },
      }),
    );
    expect(parsed.kind).toBe('event');
    if (parsed.kind === 'event')
      expect(parsed.event).toMatchObject({ type: 'signup', handle: 'mochi_fan' });
  });

  it.each([
    ['{"t":1,"actor":"a1"', 'not JSON'],
    ['[1,2]', 'not an object'],
    ['{"actor":"a1","type":"like","target":"n:a2:0"}', '"t"'],
    ['{"t":-1,"actor":"a1","type":"like","target":"n:a2:0"}', '"t"'],
    ['{"t":1,"actor":"","type":"like","target":"n:a2:0"}', '"actor"'],
    ['{"t":1,"actor":"a1","type":7}', '"type"'],
    ['{"t":1,"actor":"a1","type":"like"}', 'target'],
    ['{"t":1,"actor":"a1","type":"signup","method":"phone","handle":"abc"}', 'phone'],
    ['{"t":1,"actor":"a1","type":"signup","method":"fax","handle":"abc"}', 'method'],
    ['{"t":1,"actor":"a1","type":"login","method":"email","email":"x@y.z"}', 'password'],
    ['{"t":1,"actor":"a1","type":"login","method":"phone","phone":"+1","pow":"maybe"}', 'pow'],
    ['{"t":1,"actor":"a1","type":"login","method":"phone","phone":"+1","codeMs":"9"}', 'codeMs'],
    [
      '{"t":1,"actor":"a1","type":"login","method":"phone","phone":"+1","stepUp":"later"}',
      'stepUp',
    ],
    ['{"t":1,"actor":"a1","type":"note","images":"cat-1"}', 'images'],
    ['{"t":1,"actor":"a1","type":"comment","target":"n:a2:0"}', 'body'],
    ['{"t":1,"actor":"a1","type":"report","target":"a2"}', 'reason'],
  ])('calls %s malformed (%s)', (line, reason) => {
    const parsed = parseEventLine(line);
    expect(parsed.kind).toBe('malformed');
    if (parsed.kind === 'malformed') expect(parsed.reason).toContain(reason);
  });

  it('counts an unknown type apart from malformed lines', () => {
    expect(parseEventLine('{"t":1,"actor":"a1","type":"livestream"}')).toEqual({
      kind: 'unknown',
      type: 'livestream',
    });
  });
});

describe('content references', () => {
  it('reads note and comment references, with colons inside actor ids', () => {
    expect(parseContentReference('n:a0000012:3')).toEqual({
      kind: 'note',
      actor: 'a0000012',
      index: 3,
    });
    expect(parseContentReference('c:team:7:0')).toEqual({
      kind: 'comment',
      actor: 'team:7',
      index: 0,
    });
    expect(parseContentReference(noteReference('x', 2))).toEqual({
      kind: 'note',
      actor: 'x',
      index: 2,
    });
    expect(parseContentReference(commentReference('x', 0))).toEqual({
      kind: 'comment',
      actor: 'x',
      index: 0,
    });
  });

  it.each(['a0000012', '@someone', 'n:a1', 'n::1', 'x:a1:1', 'n:a1:-1', 'n:a1:1.5', 'n:a1:'])(
    'refuses %s',
    (text) => {
      expect(parseContentReference(text)).toBeNull();
    },
  );
});
