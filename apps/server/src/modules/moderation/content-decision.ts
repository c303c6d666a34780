import type { CaseDecisionBody } from '@atrium/contracts';
import type { Tx } from '../../db/database.js';
import type { CaseRow, NoteStatus, RegionActions, VisibleAction } from '../../db/schema.js';
import type { NotesService } from '../notes/notes.service.js';
import { stricterState, type VisibleState } from '../screening/content-check.js';
import type { SocialService } from '../social/social.service.js';

const NOTHING_IMPOSED: VisibleState = {
  moderation_action: 'allow',
  region_actions: null,
  labels: [],
};

/** The new visible state of content under a moderator's content decision, and what it imposed. */
export function decidedState<T extends VisibleState & { status: string }>(
  current: T,
  input: CaseDecisionBody,
): { state: T; imposed: VisibleState } {
  const published = { ...current, status: 'published' } as T;
  switch (input.decision) {
    case 'approve':
      return { state: published, imposed: NOTHING_IMPOSED };
    case 'label': {
      const imposed: VisibleState = {
        moderation_action: 'label',
        region_actions: null,
        labels: [input.label ?? 'Sensitive content'],
      };
      return { state: stricterState(published, imposed), imposed };
    }
    case 'limit': {
      const imposed: VisibleState = {
        moderation_action: 'limit',
        region_actions: null,
        labels: [],
      };
      return { state: stricterState(published, imposed), imposed };
    }
    case 'withhold': {
      const regions: RegionActions = {};
      for (const country of input.regions ?? []) regions[country] = 'withhold' as VisibleAction;
      const imposed: VisibleState = {
        moderation_action: 'allow',
        region_actions: regions,
        labels: [],
      };
      return { state: stricterState(published, imposed), imposed };
    }
    case 'remove':
      return { state: { ...current, status: 'removed' } as T, imposed: NOTHING_IMPOSED };
  }
}

/**
 * Applies a content decision to the case's note or comment in the transaction and returns what
 * it imposed. Accounts have no content state; content its author deleted meanwhile is left
 * alone (the case is resolved all the same).
 */
export async function applyContentDecision(
  deps: { notes: NotesService; social: SocialService },
  tx: Tx,
  modCase: CaseRow,
  input: CaseDecisionBody,
): Promise<VisibleState> {
  let imposed = NOTHING_IMPOSED;
  const moderate = (current: VisibleState & { status: NoteStatus }) => {
    const result = decidedState(current, input);
    imposed = result.imposed;
    return {
      status: result.state.status,
      moderation_action: result.state.moderation_action,
      region_actions: result.state.region_actions,
      labels: result.state.labels,
    };
  };
  if (modCase.target_type === 'note') {
    if (!(await deps.notes.findNote(modCase.target_id, tx))) return imposed;
    await deps.notes.applyModeration(tx, modCase.target_id, moderate);
  } else if (modCase.target_type === 'comment') {
    if (!(await deps.social.findComment(modCase.target_id, tx))) return imposed;
    await deps.social.applyCommentModeration(tx, modCase.target_id, moderate);
  }
  return imposed;
}
