import type {
  AuditActorKind,
  CaseSource,
  CaseStatus,
  FeedLanguageMix,
  HashBankSource,
  MediaCheckState,
  ModerationTarget,
  NoteStatus,
  RiskDecision,
  RiskReasonCode,
  RiskSurface,
  SecurityEventKind,
  StaffRole,
  StepUpChannel,
} from '@atrium/contracts';
import type { Action } from '@atrium/safety';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { MediaFinding } from '../modules/media/media-check.js';

// Enum-like columns take their types from the contracts' literal lists (one list per enum).
export type { AuditActorKind, MediaCheckState, ModerationTarget, NoteStatus, StaffRole };

/** Table types for Kysely. Keep in step with `migrations/*.sql`. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface AccountsTable {
  id: string;
  handle: string;
  display_name: string;
  bio: Generated<string>;
  /** The avatar everyone else sees: set once its media checks passed (migration 0036). */
  avatar_url: string | null;
  avatar_media_id: Generated<string | null>;
  /** The avatar its owner chose, shown to them while its checks run (migration 0036). */
  own_avatar_url: Generated<string | null>;
  languages: Generated<string[]>;
  locale: string | null;
  /** Plaintext of accounts not yet sealed (migration 0030); null once sealed. */
  phone_e164: Generated<string | null>;
  email: Generated<string | null>;
  /** Blind indexes (HMAC-SHA256, `modules/vault`) and the sealed values under the account's key. */
  phone_index: Generated<Buffer | null>;
  phone_sealed: Generated<string | null>;
  email_index: Generated<Buffer | null>;
  email_sealed: Generated<string | null>;
  password_hash: string | null;
  /** The password was chosen with at least STAFF_PASSWORD_MIN characters. */
  password_staff_ready: Generated<boolean>;
  /** A successful login: failed logins before it no longer slow logins down. */
  failed_logins_cleared_at: Date | null;
  signup_country: string | null;
  signup_region: string | null;
  ip_country: string | null;
  ip_region: string | null;
  notes_count: Generated<number>;
  followers_count: Generated<number>;
  following_count: Generated<number>;
  likes_received_count: Generated<number>;
  posting_restricted_until: Date | null;
  suspended_until: Date | null;
  banned_at: Date | null;
  bio_lang: string | null;
  auto_translate: Generated<boolean>;
  feed_language_mix: Generated<FeedLanguageMix>;
  /** The last computed trust level, 0–3 (docs/risk.md). */
  trust_level: Generated<number>;
  /** The lowest level the account keeps short of a sanction. */
  trust_floor: Generated<number>;
  /** When the account last lost its trust (a sanction): its age counts from then. */
  trust_since: Date | null;
  /** Onboarding done or skipped (migration 0022); null while it is still to be shown. */
  onboarded_at: Date | null;
  /** Topic tags chosen at onboarding: follow suggestions read them. */
  interests: Generated<string[]>;
  /** Purged by its holder's deletion (migration 0027): a pseudonymous tombstone. */
  deleted_at: Generated<Date | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PhoneVerificationsTable {
  id: string;
  /** Plaintext of codes written before migration 0030; null once sealed. */
  phone_e164: Generated<string | null>;
  /** Blind index of the number, and the number sealed under the KEK `kek_id`. */
  phone_index: Buffer | null;
  phone_sealed: string | null;
  kek_id: string | null;
  code_hash: Buffer;
  attempts: Generated<number>;
  expires_at: Date;
  consumed_at: Date | null;
  /** HMAC of the client's address bucket: code budgets per number and client. */
  client_key: string | null;
  /** How many times the code was sent (it is sent again when asked for again). */
  sends: Generated<number>;
  last_sent_at: Generated<Date>;
  created_at: CreatedAt;
}

export interface SecurityEventsTable {
  id: string;
  account_id: string | null;
  /** `account:<id>`, or a keyed hash of an unknown login: what the login back-off counts on. */
  subject: string;
  kind: SecurityEventKind;
  ip_country: string | null;
  ip_region: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  token_hash: Buffer;
  /** Plaintext of sessions from before migration 0030; null once sealed. */
  user_agent: Generated<string | null>;
  /** The user agent sealed under the account's data key. */
  user_agent_sealed: string | null;
  ip_country: string | null;
  ip_region: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
}

/** A data key of an account, wrapped by a key-encryption key (migration 0030). */
export interface AccountKeysTable {
  account_id: string;
  kek_id: string;
  wrapped_key: Buffer;
  created_at: CreatedAt;
  rotated_at: Date | null;
}

/** Canaries proving the keys given at start are the ones the data was sealed with. */
export interface VaultKeyChecksTable {
  name: string;
  check_value: Buffer;
  created_at: CreatedAt;
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

export interface Schema extends CommunitySchema, ModerationSchema, LangSchema {
  accounts: AccountsTable;
  account_keys: AccountKeysTable;
  vault_key_checks: VaultKeyChecksTable;
  phone_verifications: PhoneVerificationsTable;
  step_ups: StepUpsTable;
  sessions: SessionsTable;
  security_events: SecurityEventsTable;
  account_totp: AccountTotpTable;
  account_recovery_codes: AccountRecoveryCodesTable;
  follows: FollowsTable;
  atrium_migrations: MigrationsTable;
  account_deletions: AccountDeletionsTable;
}

/** A content item a deletion took out of view, and its status before (migration 0027). */
export interface HiddenItem {
  id: string;
  status: 'published' | 'pending_review';
}

/** A deletion asked by the account's holder (migration 0027, docs/security.md). */
export interface AccountDeletionsTable {
  account_id: string;
  requested_at: Date;
  due_at: Date;
  hidden_notes: ColumnType<HiddenItem[], string, string>;
  hidden_comments: ColumnType<HiddenItem[], string, string>;
  purged_at: Date | null;
}

/** A TOTP second factor (migration 0028, docs/security.md "Second factor"). */
export interface AccountTotpTable {
  account_id: string;
  /** AES-256-GCM under a key derived from the server secret (`totp-crypto.ts`). */
  secret_sealed: string;
  /** Null while enrolment waits for its first code. */
  enabled_at: Date | null;
  /** The newest time step a code was accepted for: only later ones are (no replay). */
  last_time_step: Generated<number>;
  created_at: CreatedAt;
}

export interface AccountRecoveryCodesTable {
  account_id: string;
  /** HMAC-SHA256 of the code under the server secret; the code itself is never stored. */
  code_hash: Buffer;
  used_at: Date | null;
}

/** A second factor asked of a risky sign-up (migration 0019, docs/risk.md "Step-up"). */
export interface StepUpsTable {
  account_id: string;
  channel: StepUpChannel;
  code_hash: Buffer;
  attempts: Generated<number>;
  sends: Generated<number>;
  last_sent_at: Generated<Date>;
  expires_at: Date;
  restricted_until: Date;
  completed_at: Date | null;
  created_at: CreatedAt;
}
export type StepUpRow = Selectable<StepUpsTable>;

export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PhoneVerificationRow = Selectable<PhoneVerificationsTable>;

export interface MediaTable {
  id: string;
  owner_id: string;
  content_hash: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  placeholder: string;
  /**
   * The hash bank's perceptual hash of the detail image, 64 hex digits, and its crop variants
   * concatenated (migration 0036; null for images uploaded before it).
   */
  phash: ColumnType<string | null, string | null | undefined, string | null>;
  phash_crops: ColumnType<string | null, string | null | undefined, string | null>;
  variants: ColumnType<MediaVariants, string | MediaVariants, string | MediaVariants>;
  created_at: CreatedAt;
  attached_at: Date | null;
  /** The media checks (migration 0033, docs/media.md). */
  check_state: Generated<MediaCheckState>;
  check_findings: ColumnType<MediaFinding[], string | undefined, string>;
  check_outcome: ColumnType<MediaCheckOutcome | null, string | null | undefined, string | null>;
  check_attempts: Generated<number>;
  check_progress: Generated<number>;
  check_claimed_at: Date | null;
  check_claimed_by: string | null;
  checked_at: Date | null;
  /** Video notes (migration 0035, docs/media.md): images have no processing. */
  kind: Generated<MediaKind>;
  processing_state: ColumnType<
    MediaProcessingState | null,
    MediaProcessingState | null | undefined,
    MediaProcessingState | null
  >;
  processing_progress: Generated<number>;
  processing_error: ColumnType<
    { code: string; message: string } | null,
    string | null | undefined,
    string | null
  >;
  video: ColumnType<MediaVideoFacts | null, string | null | undefined, string | null>;
}

export type MediaKind = 'image' | 'video';
export type MediaProcessingState = 'queued' | 'processing' | 'ready' | 'failed';

/** What a video media row keeps besides its poster (`variants`). */
export interface MediaVideoFacts {
  durationSeconds: number;
  hasAudio: boolean;
  /** The uploaded file, kept until a worker processed it (a `.src` key, never served). */
  original: string | null;
  /** The H.264/AAC MP4, once processed. */
  mp4: string | null;
  /** Whether the upload waits for the image checks on its frames (some checker was configured). */
  checked: boolean;
}

/** The combined outcome of a media row's findings, as stored (media-check-outcome.ts). */
export interface MediaCheckOutcome {
  /** The strictest action anywhere by default, and per country where stricter. */
  action: Action;
  regionActions: Record<string, Action> | null;
  /** The categories of the findings that restrict, strictest first. */
  categories: string[];
  /** Labels shown with the content (findings whose action is a label). */
  labels: string[];
  /** Checkers that could not look at the image (thrown, timed out, unreadable image). */
  failures: Array<{ checker: string; reason: string }>;
}

/**
 * One finding kept with a decision: which image, where it is stored, what was found (a
 * checker's failure too: checker, category `media.check_failed`, action `review`).
 */
export interface MediaEvidenceItem {
  mediaId: string;
  /** The stored detail image's key (served under /media/ to reviewers). */
  key: string;
  checker: string;
  category: string;
  ruleId?: string;
  action: Action;
  regionActions?: Record<string, Action>;
  score: number;
  box?: { x: number; y: number; width: number; height: number };
  atSecond?: number;
  detail: Record<string, unknown>;
}

export interface MediaVariants {
  detail: string;
  card: string;
}

/** What a published note or comment gets where it is shown (see visibility/visibility.ts). */
export type VisibleAction = Exclude<Action, 'review' | 'block'>;
/** ISO country → action, where it differs from the note's `moderation_action`. */
export type RegionActions = Record<string, VisibleAction>;

export interface NotesTable {
  id: string;
  author_id: string;
  title: Generated<string>;
  body: Generated<string>;
  lang: string | null;
  status: Generated<NoteStatus>;
  moderation_action: Generated<VisibleAction>;
  region_actions: ColumnType<RegionActions | null, string | null | undefined, string | null>;
  labels: Generated<string[]>;
  ip_country: string | null;
  ip_region: string | null;
  like_count: Generated<number>;
  collect_count: Generated<number>;
  comment_count: Generated<number>;
  view_count: Generated<number>;
  follow_count: Generated<number>;
  score: Generated<number>;
  search_document: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  edited_at: Date | null;
  /** The combined check of its media while waiting or once settled (migration 0033). */
  media_check: ColumnType<MediaCheckState | null, MediaCheckState | null | undefined>;
  /** Its pending_review status is the media wait's own: published when they pass. */
  media_hold: Generated<boolean>;
}

export interface NoteMediaTable {
  note_id: string;
  position: number;
  media_id: string;
  /** The author's alt text ('' when none). */
  alt: Generated<string>;
}

export interface TopicsTable {
  tag: string;
  display: string;
  note_count: Generated<number>;
  view_count: Generated<number>;
  discussion_count: Generated<number>;
  created_at: CreatedAt;
}

export interface NoteTopicsTable {
  note_id: string;
  tag: string;
}

export interface TopicActivityTable {
  tag: string;
  hour: Date;
  notes: Generated<number>;
  views: Generated<number>;
  discussions: Generated<number>;
}

export interface NoteMentionsTable {
  note_id: string;
  account_id: string;
}

export interface EngagementTable {
  account_id: string;
  note_id: string;
  created_at: CreatedAt;
}

export interface BoardsTable {
  id: string;
  account_id: string;
  name: string;
  description: Generated<string>;
  visibility: Generated<'public' | 'private'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BoardNotesTable {
  board_id: string;
  account_id: string;
  note_id: string;
  added_at: CreatedAt;
}

export interface CommentsTable {
  id: string;
  note_id: string;
  author_id: string;
  parent_id: string | null;
  body: string;
  lang: string | null;
  status: Generated<NoteStatus>;
  moderation_action: Generated<VisibleAction>;
  region_actions: ColumnType<RegionActions | null, string | null | undefined, string | null>;
  labels: Generated<string[]>;
  reply_count: Generated<number>;
  like_count: Generated<number>;
  ip_country: string | null;
  ip_region: string | null;
  created_at: CreatedAt;
}

/** A reader's "not interested" in a note (discover leaves it out, and its author behind). */
export interface NoteDismissalsTable {
  account_id: string;
  note_id: string;
  author_id: string;
  created_at: CreatedAt;
}

export interface CommentLikesTable {
  comment_id: string;
  account_id: string;
  created_at: CreatedAt;
}

export interface NoteViewsTable {
  note_id: string;
  viewer_key: string;
  day: ColumnType<string, string, string>;
  counted: Generated<boolean>;
  created_at: CreatedAt;
}

export interface TopicDeltasTable {
  id: Generated<string>;
  tag: string;
  notes: Generated<number>;
  discussions: Generated<number>;
  created_at: CreatedAt;
}

export interface FeedSnapshotsTable {
  id: string;
  viewer_key: string;
  note_ids: string[];
  author_ids: Generated<string[]>;
  langs: Generated<string[]>;
  created_at: CreatedAt;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string | Record<string, unknown>, string>;
  dedupe_key: string | null;
  run_at: Timestamp;
  attempts: Generated<number>;
  locked_until: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface CommunitySchema {
  media: MediaTable;
  notes: NotesTable;
  note_media: NoteMediaTable;
  topics: TopicsTable;
  note_topics: NoteTopicsTable;
  topic_activity: TopicActivityTable;
  note_mentions: NoteMentionsTable;
  likes: EngagementTable;
  collects: EngagementTable;
  /** Named boards for collects (migration 0031). */
  boards: BoardsTable;
  board_notes: BoardNotesTable;
  comments: CommentsTable;
  comment_likes: CommentLikesTable;
  note_dismissals: NoteDismissalsTable;
  note_views: NoteViewsTable;
  feed_snapshots: FeedSnapshotsTable;
  topic_deltas: TopicDeltasTable;
  jobs: JobsTable;
}

export type MediaRow = Selectable<MediaTable>;
/** A note as read back: every column but the (large) search document. */
export type NoteRow = Omit<Selectable<NotesTable>, 'search_document'>;
export type CommentRow = Selectable<CommentsTable>;
export type BoardRow = Selectable<BoardsTable>;
export type TopicRow = Selectable<TopicsTable>;

type Json<T> = ColumnType<T, string, string>;

export interface AccountBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: CreatedAt;
}

export interface ModerationCasesTable {
  id: string;
  target_type: ModerationTarget;
  target_id: string;
  subject_id: string;
  source: CaseSource;
  status: Generated<CaseStatus>;
  category: string;
  lang: string | null;
  region: string | null;
  priority: Generated<number>;
  report_count: Generated<number>;
  reach: Generated<number>;
  claimed_by: string | null;
  lease_until: Date | null;
  opened_at: CreatedAt;
  updated_at: Timestamp;
  resolved_at: Date | null;
  resolved_by: string | null;
  decision_id: string | null;
  /** The decision an appeal case appeals (migration 0012); null for other cases. */
  appealed_decision_id: Generated<string | null>;
}

export interface ReportsTable {
  id: string;
  reporter_id: string;
  target_type: ModerationTarget;
  target_id: string;
  reason: string;
  details: Generated<string>;
  case_id: string;
  created_at: CreatedAt;
}

/** One piece of evidence: where in which field a term matched, and the rule it fired. */
export interface EvidenceSpan {
  field: string;
  start: number;
  end: number;
  term: string;
  category: string;
  severity: string;
  ruleId: string;
  /** Why the match fired: the folds that made the text meet the term (`@atrium/safety` FoldKind). */
  via?: string[];
}

export interface ModerationDecisionsTable {
  id: string;
  target_type: ModerationTarget;
  target_id: string;
  subject_id: string;
  source: 'automated' | 'staff';
  actor_id: string | null;
  case_id: string | null;
  policy_version: string | null;
  action: string;
  region_actions: ColumnType<RegionActions | null, string | null | undefined, string | null>;
  withheld_in: Generated<string[]>;
  labels: Generated<string[]>;
  rule_ids: Generated<string[]>;
  evidence: ColumnType<EvidenceSpan[], string | undefined, string>;
  media_evidence: ColumnType<MediaEvidenceItem[], string | undefined, string>;
  reason_code: string | null;
  note: string | null;
  until: Date | null;
  created_at: CreatedAt;
}

export interface RiskEventsTable {
  id: string;
  account_id: string | null;
  kind: string;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  // the door's scoring (migration 0015); null on the inline check's events
  surface: ColumnType<RiskSurface | null, RiskSurface | null | undefined, never>;
  decision: ColumnType<RiskDecision | null, RiskDecision | null | undefined, never>;
  score: ColumnType<number | null, number | null | undefined, never>;
  reasons: ColumnType<{ code: RiskReasonCode; points: number }[], string | undefined, never>;
  ip_country: ColumnType<string | null, string | null | undefined, never>;
  asn: ColumnType<number | null, number | null | undefined, never>;
  ip_key: ColumnType<string | null, string | null | undefined, never>;
  network_key: ColumnType<string | null, string | null | undefined, never>;
  device_key: ColumnType<string | null, string | null | undefined, never>;
  phone_range_key: ColumnType<string | null, string | null | undefined, never>;
}

export interface ModerationSchema {
  account_blocks: AccountBlocksTable;
  moderation_cases: ModerationCasesTable;
  reports: ReportsTable;
  moderation_decisions: ModerationDecisionsTable;
  risk_events: RiskEventsTable;
}

export type CaseRow = Selectable<ModerationCasesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type DecisionRow = Selectable<ModerationDecisionsTable>;
// staff (migration 0008)

export interface StaffMembersTable {
  account_id: string;
  role: StaffRole;
  languages: Generated<string[]>;
  regions: Generated<string[]>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  created_at: ColumnType<Date, Date | string, never>;
  actor_id: string | null;
  actor_kind: AuditActorKind;
  action: string;
  target_type: string;
  target_id: string;
  data: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface PoliciesTable {
  version: string;
  document: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
  created_by: string | null;
  note: string | null;
  active: Generated<boolean>;
}

/** Surge mode's shared state: one row (migration 0018). */
export interface SurgeStateTable {
  id: number;
  mode: Generated<'auto' | 'on' | 'off'>;
  auto_active: Generated<boolean>;
  rate: Generated<number>;
  baseline: Generated<number>;
  last_high_at: Date | null;
  evaluated_at: Date | null;
  changed_at: Generated<Date>;
}

export interface SignupPausesTable {
  country: string;
  created_by: string | null;
  reason: Generated<string | null>;
  created_at: CreatedAt;
}

export interface KillSwitchesTable {
  name: 'signups' | 'uploads' | 'translation' | 'posting' | 'discover_frozen' | 'policy_rule';
  target: Generated<string>;
  reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface StaffSchema {
  surge_state: SurgeStateTable;
  kill_switches: KillSwitchesTable;
  signup_pauses: SignupPausesTable;
  staff_members: StaffMembersTable;
  audit_log: AuditLogTable;
  policies: PoliciesTable;
}

export type StaffMemberRow = Selectable<StaffMembersTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type PolicyRow = Selectable<PoliciesTable>;

// Declaration merging adds the staff tables to `Schema` without touching its declaration above.
export interface Schema extends StaffSchema {}

export interface TranslationsTable {
  source_hash: string;
  source_lang: string;
  target_lang: string;
  engine: string;
  text: string;
  created_at: CreatedAt;
}

export interface ReadingsTable {
  source_hash: string;
  source_lang: string;
  target_lang: string;
  dictionary: string;
  tokens: Json<{ text: string; reading?: string; gloss?: string }[]>;
  created_at: CreatedAt;
}

export interface LangSchema {
  translations: TranslationsTable;
  readings: ReadingsTable;
}

// farm detection (migration 0017)

export interface FarmClustersTable {
  seq: Generated<string>;
  id: string;
  score: number;
  status: Generated<'open' | 'cleared' | 'dissolved'>;
  edge_counts: Json<Record<string, number>>;
  edges: Json<{ a: string; b: string; kinds: string[]; weight: number }[]>;
  case_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FarmClusterMembersTable {
  cluster_id: string;
  account_id: string;
}

export interface FarmSchema {
  farm_clusters: FarmClustersTable;
  farm_cluster_members: FarmClusterMembersTable;
}

export interface Schema extends FarmSchema {}

export type AccountExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface AccountExportsTable {
  id: string;
  account_id: string;
  status: Generated<AccountExportStatus>;
  progress: ColumnType<Record<string, number>, string | undefined, string>;
  nonce: Buffer;
  file_name: string | null;
  bytes: ColumnType<string | number | null, number | null | undefined, number | null>;
  error_code: string | null;
  attempts: Generated<number>;
  locked_until: Date | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
}

export type AccountExportRow = Selectable<AccountExportsTable>;

export interface Schema {
  account_exports: AccountExportsTable;
}

/** Events and work written with the change they tell of, for the relay to NATS (0032). */
export interface OutboxEventsTable {
  id: string;
  subject: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface ConsumedEventsTable {
  consumer: string;
  event_id: string;
  consumed_at: CreatedAt;
}

export interface Schema {
  outbox_events: OutboxEventsTable;
  consumed_events: ConsumedEventsTable;
}

/** Known-bad perceptual hashes: removed images and imported lists (0034). */
export interface HashBankTable {
  seq: Generated<string>;
  hash: string;
  source: HashBankSource;
  list_name: string | null;
  decision_id: string | null;
  case_id: string | null;
  media_id: string | null;
  whole: Generated<boolean>;
  created_at: CreatedAt;
}

export type HashBankRow = Selectable<HashBankTable>;

export interface Schema {
  hash_bank: HashBankTable;
}
