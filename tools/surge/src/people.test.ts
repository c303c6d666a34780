import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from '../../../apps/server/src/modules/accounts/passwords.js';
import { password } from './people.js';
import { createRandom } from './rng.js';

describe('generated passwords', () => {
  it('are three different words and a number', () => {
    const random = createRandom(20_261_207);
    for (let index = 0; index < 2_000; index++) {
      const words = password(random).split('-');
      expect(words).toHaveLength(4);
      expect(new Set(words.slice(0, 3)).size).toBe(3);
      expect(words[3]).toMatch(/^\d+$/);
    }
  });

  it('pass the server’s own strength check', () => {
    // the estimator takes tens of milliseconds a password: a sample
    const random = createRandom(7_031_966);
    for (let index = 0; index < 25; index++) {
      const phrase = password(random);
      expect(() => checkPasswordStrength(phrase), phrase).not.toThrow();
    }
  });
});
