import { afterEach, describe, expect, it } from 'vitest';
import { type NoteView, utcDay, ViewRecorder } from './view-recorder.js';

const DAY = Date.UTC(2026, 10, 21, 12);

function setup(options: { flushAt?: number; maxPending?: number; failWith?: Error } = {}) {
  let now = DAY;
  const written: NoteView[][] = [];
  const errors: Array<{ error: unknown; dropped: number }> = [];
  let failWith = options.failWith ?? null;
  let release: (() => void) | null = null;
  let hold = false;
  const recorder = new ViewRecorder({
    write: async (views) => {
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      if (failWith) throw failWith;
      written.push(views);
    },
    onError: (error, dropped) => errors.push({ error, dropped }),
    // the timer never fires within a test: flushes are explicit
    flushEveryMs: 60_000,
    ...(options.flushAt ? { flushAt: options.flushAt } : {}),
    ...(options.maxPending ? { maxPending: options.maxPending } : {}),
    now: () => now,
  });
  recorders.push(recorder);
  return {
    recorder,
    written,
    errors,
    advance: (ms: number) => {
      now += ms;
    },
    succeed: () => {
      failWith = null;
    },
    holdWrites: () => {
      hold = true;
    },
    releaseWrite: () => {
      hold = false;
      release?.();
    },
  };
}

const recorders: ViewRecorder[] = [];
afterEach(async () => {
  for (const recorder of recorders.splice(0)) await recorder.close();
});

const brief = (views: NoteView[]) => views.map((view) => `${view.noteId}/${view.viewerKey}`);

describe('ViewRecorder', () => {
  it('writes each viewer’s view of a note once, in one sorted batch with its day and time', async () => {
    const { recorder, written, advance } = setup();
    recorder.record('n2', 'ana');
    advance(10);
    recorder.record('n1', 'lin');
    recorder.record('n2', 'ana');
    recorder.record('n1', 'ana');
    expect(written).toEqual([]);
    expect(await recorder.flush()).toBe(3);
    expect(written).toHaveLength(1);
    expect(brief(written[0]!)).toEqual(['n1/ana', 'n1/lin', 'n2/ana']);
    expect(written[0]!.find((view) => view.noteId === 'n2')).toEqual({
      noteId: 'n2',
      viewerKey: 'ana',
      day: '2026-11-21',
      at: DAY,
    });
    expect(await recorder.flush()).toBe(0);
  });

  it('does not write a view again the same day, and does the next day', async () => {
    const { recorder, written, advance } = setup();
    recorder.record('n1', 'ana');
    await recorder.flush();
    advance(60_000);
    recorder.record('n1', 'ana');
    expect(await recorder.flush()).toBe(0);
    advance(24 * 3600_000);
    recorder.record('n1', 'ana');
    expect(await recorder.flush()).toBe(1);
    expect(written.map((batch) => batch.map((view) => view.day))).toEqual([
      ['2026-11-21'],
      ['2026-11-22'],
    ]);
  });

  it('writes early once flushAt views are waiting', async () => {
    const { recorder, written } = setup({ flushAt: 3 });
    recorder.record('n1', 'a');
    recorder.record('n1', 'b');
    expect(written).toHaveLength(0);
    recorder.record('n1', 'c');
    await recorder.flush();
    expect(written.map(brief)).toEqual([['n1/a', 'n1/b', 'n1/c']]);
  });

  it('reports a batch that failed, forgets it, and writes later views', async () => {
    const failure = new Error('connection refused');
    const { recorder, written, errors, succeed } = setup({ failWith: failure });
    recorder.record('n1', 'ana');
    recorder.record('n2', 'ana');
    expect(await recorder.flush()).toBe(0);
    expect(errors).toEqual([{ error: failure, dropped: 2 }]);
    succeed();
    recorder.record('n3', 'ana');
    // a view that was never written is not "seen": it may be recorded again
    recorder.record('n1', 'ana');
    await recorder.flush();
    expect(written.map(brief)).toEqual([['n1/ana', 'n3/ana']]);
  });

  it('keeps at most maxPending views waiting and counts the rest as dropped', async () => {
    const { recorder, written } = setup({ maxPending: 2 });
    recorder.record('n1', 'a');
    recorder.record('n1', 'b');
    recorder.record('n1', 'c');
    expect(recorder.dropped).toBe(1);
    await recorder.flush();
    expect(written.map(brief)).toEqual([['n1/a', 'n1/b']]);
  });

  it('writes views recorded during a write with the next one, never twice', async () => {
    const { recorder, written, holdWrites, releaseWrite } = setup();
    recorder.record('n1', 'ana');
    holdWrites();
    const first = recorder.flush();
    // the first write has taken its batch and is in progress
    await new Promise((resolve) => setTimeout(resolve, 0));
    recorder.record('n2', 'ana');
    recorder.record('n1', 'ana');
    const second = recorder.flush();
    releaseWrite();
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(written.map(brief)).toEqual([['n1/ana'], ['n2/ana']]);
  });

  it('tells which notes a viewer opened that are still waiting, oldest first', async () => {
    const { recorder } = setup();
    recorder.record('n2', 'ana');
    recorder.record('n9', 'lin');
    recorder.record('n1', 'ana');
    expect(recorder.pendingOf('ana')).toEqual(['n2', 'n1']);
    expect(recorder.pendingOf('zoe')).toEqual([]);
    await recorder.flush();
    expect(recorder.pendingOf('ana')).toEqual([]);
  });

  it('writes what is waiting when closed', async () => {
    const { recorder, written } = setup();
    recorder.record('n1', 'ana');
    await recorder.close();
    expect(written.map(brief)).toEqual([['n1/ana']]);
  });

  it('names days in UTC', () => {
    expect(utcDay(Date.UTC(2026, 0, 1, 23, 59))).toBe('2026-01-01');
    expect(utcDay(Date.UTC(2026, 0, 2, 0, 0))).toBe('2026-01-02');
  });
});
