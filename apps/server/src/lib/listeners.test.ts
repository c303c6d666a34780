import { describe, expect, it } from 'vitest';
import { Listeners } from './listeners.js';

describe('Listeners', () => {
  it('tells every listener in order, and one that throws stops none of the others', () => {
    const told: string[] = [];
    const errors: unknown[] = [];
    const listeners = new Listeners<[id: string]>((error) => errors.push(error));
    listeners.add((id) => told.push(`a:${id}`));
    listeners.add(() => {
      throw new Error('broken listener');
    });
    listeners.add((id) => told.push(`c:${id}`));
    listeners.emit('x');
    expect(told).toEqual(['a:x', 'c:x']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('broken listener');
  });

  it('does nothing without listeners', () => {
    const errors: unknown[] = [];
    expect(() => new Listeners<[]>((error) => errors.push(error)).emit()).not.toThrow();
    expect(errors).toEqual([]);
  });
});
