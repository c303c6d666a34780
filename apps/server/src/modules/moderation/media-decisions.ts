import type { Tx } from '../../db/database.js';
import type { MediaEvidenceItem, NoteRow } from '../../db/schema.js';
import { uuidv7 } from '../../lib/uuid7.js';
import {
  evidenceOf,
  noteCheckState,
  noteEffect,
  PASSED_OUTCOME,
} from '../media/media-check-outcome.js';
import type { MediaPort } from '../media/media-port.js';
import type { NotesService } from '../notes/notes.service.js';
import { stricterState, withholdingCountries } from '../screening/content-check.js';
import type { SafetyRulesProvider } from '../screening/safety-rules.js';
import { caseLanguage } from './case-language.js';
import { automatedPriority } from './case-priority.js';
import { openCase } from './cases.store.js';
import type { AuditPort } from './content-moderation.js';
import { recordDecision } from './record-decision.js';

/**
 * What the outcome of a note's image checks does to the note (docs/media.md), in the runner's
 * transaction once every image is checked: published as usual when they passed (if the wait
 * held it); labelled, limited or withheld per country like the text check's outcome; held for
 * review with a case carrying the images' evidence; or removed with a statement of reasons.
 * Each restriction is recorded as an automated decision with the media evidence and audited.
 */
export function createMediaDecisions(deps: {
  notes: Pick<NotesService, 'lockForUpdate' | 'applyModeration'>;
  media: Pick<MediaPort, 'loadForNotes'>;
  rules: SafetyRulesProvider;
  audit: AuditPort;
}) {
  async function record(
    tx: Tx,
    note: NoteRow,
    facts: {
      action: string;
      caseId: string | null;
      evidence: MediaEvidenceItem[];
      policyVersion: string;
      imposed?: { region_actions: NoteRow['region_actions']; labels: string[] };
    },
  ) {
    const decision = await recordDecision(tx, {
      target: { type: 'note', id: note.id, subjectId: note.author_id },
      by: {
        source: 'automated',
        ruleIds: [...new Set(facts.evidence.flatMap((item) => (item.ruleId ? [item.ruleId] : [])))],
        evidence: [],
        mediaEvidence: facts.evidence,
      },
      action: facts.action,
      caseId: facts.caseId,
      policyVersion: facts.policyVersion,
      ...(facts.imposed ? { imposed: facts.imposed } : {}),
    });
    await audit(tx, note, facts.action, {
      decisionId: decision.id,
      policyVersion: facts.policyVersion,
      ruleIds: decision.rule_ids,
      withheldIn: decision.withheld_in,
      caseId: facts.caseId,
      mediaIds: [...new Set(facts.evidence.map((item) => item.mediaId))],
    });
  }

  function audit(tx: Tx, note: NoteRow, action: string, data: Record<string, unknown>) {
    return deps.audit.record(tx, {
      actorId: null,
      action: `note.auto_${action}`,
      targetType: 'note',
      targetId: note.id,
      data,
    });
  }

  async function settleNote(tx: Tx, noteId: string): Promise<void> {
    const note = await deps.notes.lockForUpdate(tx, noteId);
    const images = (await deps.media.loadForNotes(tx, [noteId])).get(noteId) ?? [];
    const check = noteCheckState(images);
    if (check === 'pending') return;
    // A video that could not be processed (docs/media.md, "Video notes") has no file to show
    // and no frames to look at: the note stays unpublished, seen by its author only, with no
    // case (nothing for a moderator to approve) until the author replaces or removes the video.
    if (images.some((row) => row.kind === 'video' && row.processing_state === 'failed')) {
      await deps.notes.applyModeration(tx, noteId, (current) => ({
        ...current,
        status: current.status === 'removed' ? 'removed' : 'pending_review',
        media_check: 'failed',
        media_hold: false,
      }));
      return;
    }
    const { policy } = await deps.rules.current();
    const effect = noteEffect(
      images.map((row) => row.check_outcome ?? PASSED_OUTCOME),
      policy.regionGroups,
    );
    const evidence = images.flatMap(evidenceOf);
    const settled = { media_check: check, media_hold: false } as const;
    // a note removed meanwhile (by a moderator, its author's ban) stays removed
    const shown = note.status !== 'removed';
    switch (effect.kind) {
      case 'block': {
        await deps.notes.applyModeration(tx, noteId, (current) => ({
          ...current,
          status: 'removed',
          ...settled,
        }));
        if (shown)
          await record(tx, note, {
            action: 'remove',
            caseId: null,
            evidence,
            policyVersion: policy.version,
          });
        return;
      }
      case 'review': {
        await deps.notes.applyModeration(tx, noteId, (current) => ({
          ...current,
          status: shown ? 'pending_review' : current.status,
          ...settled,
        }));
        if (!shown) return;
        const opened = await openCase(tx, {
          id: uuidv7(),
          target_type: 'note',
          target_id: noteId,
          subject_id: note.author_id,
          source: 'automated',
          category: effect.category,
          lang: await caseLanguage(tx, note.author_id, note.title, note.body),
          region: note.ip_country,
          priority: automatedPriority(check === 'failed' ? 'medium' : 'high'),
          reach: 0,
        });
        await record(tx, note, {
          action: 'review',
          caseId: opened.id,
          evidence,
          policyVersion: policy.version,
        });
        return;
      }
      case 'restrict': {
        const restricted = stricterState(note, effect.state);
        await deps.notes.applyModeration(tx, noteId, (current) => ({
          status: current.media_hold ? 'published' : current.status,
          moderation_action: restricted.moderation_action,
          region_actions: restricted.region_actions,
          labels: restricted.labels,
          ...settled,
        }));
        if (!shown) return;
        const withheldIn = withholdingCountries(effect.state.region_actions);
        const action =
          effect.state.moderation_action !== 'allow'
            ? effect.state.moderation_action
            : withheldIn.length > 0
              ? 'withhold'
              : effect.state.region_actions
                ? 'limit'
                : 'label';
        await record(tx, note, {
          action,
          caseId: null,
          evidence,
          policyVersion: policy.version,
          imposed: { region_actions: effect.state.region_actions, labels: effect.state.labels },
        });
        return;
      }
      case 'pass':
        await deps.notes.applyModeration(tx, noteId, (current) => ({
          ...current,
          status: current.media_hold ? 'published' : current.status,
          ...settled,
        }));
        return;
    }
  }

  return { settleNote };
}
