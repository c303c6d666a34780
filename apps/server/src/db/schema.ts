import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types for Kysely. Keep in step with `migrations/*.sql`. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface AccountsTable {
  id: string;
  handle: string;
  display_name: string;
  bio: Generated<string>;
  avatar_url: string | null;
  languages: Generated<string[]>;
  locale: string | null;
  phone_e164: string | null;
  email: string | null;
  password_hash: string | null;
  signup_country: string | null;
  signup_region: string | null;
  ip_country: string | null;
  ip_region: string | null;
  notes_count: Generated<number>;
  followers_count: Generated<number>;
  following_count: Generated<number>;
  likes_received_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PhoneVerificationsTable {
  id: string;
  phone_e164: string;
  code_hash: Buffer;
  attempts: Generated<number>;
  expires_at: Date;
  consumed_at: Date | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  token_hash: Buffer;
  user_agent: string | null;
  ip_country: string | null;
  ip_region: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
}

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: CreatedAt;
}

export interface MigrationsTable {
  name: string;
  applied_at: CreatedAt;
}

export interface Schema {
  accounts: AccountsTable;
  phone_verifications: PhoneVerificationsTable;
  sessions: SessionsTable;
  follows: FollowsTable;
  atrium_migrations: MigrationsTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PhoneVerificationRow = Selectable<PhoneVerificationsTable>;
