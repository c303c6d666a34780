import { describe, expect, it } from 'vitest';
import { displayNameImpersonatesStaff, handleImpersonatesStaff } from './impersonation.js';

describe('handleImpersonatesStaff', () => {
  it.each([
    'admin1',
    'admin2',
    'adm1n',
    'admln',
    '4dmin',
    'atrium_official',
    'atriumofficial',
    '0fficial',
    'support_team',
    'supp0rt',
    '5taff',
    'admin_bob',
    'the.admin',
    'sys_admin',
    'modteam',
    'mod_team',
    'help',
    'team',
    'verified',
    'customer_service',
    'trust_and_safety',
    'atrium_hq',
    'kefu_01',
    'guanfang',
  ])('refuses %s', (handle) => {
    expect(handleImpersonatesStaff(handle)).toBe(true);
  });

  // Real-looking names that contain the letters of a reserved word, or reserved words none of
  // which is about staff.
  it.each([
    'badminton',
    'madmind',
    'sadminton',
    'administrative',
    'admiral',
    'ad_minister',
    'adam',
    'madison',
    'stafford',
    'staffy',
    'supportive_sam',
    'officially_yours',
    'systematic',
    'systems_thinker',
    'nathan_secure',
    'helpful_hannah',
    'lisa.helps',
    'helena',
    'modern_art',
    'moderato',
    'mod4life',
    'teamwork',
    'team_rocket',
    'real_news',
    'bot_lover',
    'emily_ops',
    'carebear',
    'atriums',
    'mina_99',
    'liam1',
  ])('accepts %s', (handle) => {
    expect(handleImpersonatesStaff(handle)).toBe(false);
  });
});

describe('displayNameImpersonatesStaff', () => {
  it.each([
    'Administrator',
    'Admin',
    'ADMIN 2',
    'Moderator',
    'Аdmin', // Cyrillic А
    'Ad min',
    'A d m i n',
    'Bob the Admin',
    'Atrium Official',
    'Atrium Support',
    'Official',
    'Support Team',
    'Mod Team',
    'Help Desk',
    'Atrium官方',
    '管理员',
    '公式',
    '관리자',
  ])('refuses %s', (name) => {
    expect(displayNameImpersonatesStaff(name)).toBe(true);
  });

  it.each([
    'Badminton Queen',
    'Madmind',
    'Stafford',
    'Adam Min',
    'Admiral Ackbar',
    'Modern Family',
    'Tech Support Memes',
    'System of a Down fan',
    'Security Researcher Jane',
    'Official Bob Fan',
    'Real News',
    'Team Rocket',
    'Jane Doe',
    '李华',
    'ｍｅｉ',
  ])('accepts %s', (name) => {
    expect(displayNameImpersonatesStaff(name)).toBe(false);
  });
});
