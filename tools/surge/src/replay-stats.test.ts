import { describe, expect, it } from 'vitest';
import { ReplayStats } from './replay-stats.js';

describe('replay statistics', () => {
  it('counts phone sign-ups apart, over their own window, and every request in one p99', () => {
    const stats = new ReplayStats();
    stats.signupSent(0, 'email');
    stats.signupSent(1000, 'phone');
    stats.signupCompleted(2000, 'email');
    stats.signupCompleted(3000, 'phone');
    stats.signupSent(3000, 'phone');
    stats.signupCompleted(5000, 'phone');
    for (let i = 0; i < 99; i++) stats.request('phoneStart', 200, 10);
    stats.request('createNote', 500, 900);
    const summary = stats.summary(6);
    expect(summary.signupsCompleted).toBe(3);
    expect(summary.signupsPerSecond).toBe(0.6); // 3 in 5 s
    expect(summary.phoneSignupsCompleted).toBe(2);
    expect(summary.phoneSignupsPerSecond).toBe(0.5); // 2 in 4 s (1 s to 5 s)
    expect(summary.latencyAll.p50).toBeGreaterThanOrEqual(10);
    expect(summary.latencyAll.p50).toBeLessThan(10.5);
    expect(summary.latencyAll.p99).toBeLessThan(10.5);
    expect(summary.latency.createNote!.p99).toBeGreaterThanOrEqual(900);
    expect(summary.status).toEqual({ '200': 99, '500': 1 });
  });
});
